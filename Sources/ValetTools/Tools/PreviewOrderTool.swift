import FoundationEssentials
import MCPKit
import TradingDomain
import TradingSafety

/// `preview_order`: IBKR's cost preview plus what the guards would decide now; nothing is sent or journaled. For a
/// live-money account it also issues the confirmation token for the matching `buy`/`sell` call.
enum PreviewOrderTool {
    static let dataSchema = Schemas.object([
        "symbol": ["type": "string"], "side": ["type": "string"], "commission": Schemas.decimalOrNull,
        "amount": Schemas.decimalOrNull, "margin_change": Schemas.decimalOrNull,
        "equity_change": Schemas.decimalOrNull, "available_funds_before": Schemas.decimalOrNull,
        "available_funds_after": Schemas.decimalOrNull, "warnings": Schemas.strings,
        "guards": Schemas.object([
            "allowed": ["type": "boolean"], "blocked_by": Schemas.stringOrNull, "reason": Schemas.stringOrNull,
            "notional": Schemas.decimalOrNull, "is_exit": ["type": "boolean"], "notes": Schemas.strings,
        ]),
        "environment": Schemas.environment, "dry_run": ["type": "boolean"],
        "confirmation_token": Schemas.stringOrNull, "confirms": Schemas.stringOrNull,
        "confirmation_expires_at": Schemas.stringOrNull,
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        var arguments = OrderFlow.sizingArguments
        arguments["side"] = ToolFactory.optionalSide
        return ToolFactory.make(
            environment, name: "preview_order", title: "Preview order",
            description: """
                Shows what an order would cost (IBKR's preview: commission, amount, margin and funds) and whether \
                the safety guards would let it through now. Nothing is sent or journaled. On a live-money account \
                it also returns confirmation_token: after the user agrees, pass it to buy or sell with the same \
                arguments within 60 seconds.
                """,
            arguments: arguments, required: ["symbol"], data: dataSchema,
            annotations: .readOnly(title: "Preview order")
        ) { arguments, _, broker in
            let symbol = try arguments.symbol()
            let side = try arguments.side(default: .buy)
            let order = try OrderFlow.sized(arguments, symbol: symbol, side: side)
            let result = try await broker.preview(order)
            let preview = result.preview
            let report = result.guardReport
            var blockedBy: JSONValue = .null
            var reason: JSONValue = .null
            if case .block(let name, let error) = report.decision {
                blockedBy = .string(name.rawValue)
                reason = .string(ToolFailure.from(error).message)
            }
            var object: [String: JSONValue] = [
                "symbol": .string(preview.symbol.value), "side": .string(preview.side.rawValue),
                "commission": Render.decimal(preview.commission), "amount": Render.decimal(preview.amount),
                "margin_change": Render.decimal(preview.marginChange),
                "equity_change": Render.decimal(preview.equityChange),
                "available_funds_before": Render.decimal(preview.availableFundsBefore),
                "available_funds_after": Render.decimal(preview.availableFundsAfter),
                "warnings": .array(preview.warnings.map { .string($0) }),
                "guards": [
                    "allowed": .bool(report.decision == .allow), "blocked_by": blockedBy, "reason": reason,
                    "notional": Render.decimal(report.notional), "is_exit": .bool(report.isExit),
                    "notes": .array(report.notes.map { .string($0) }),
                ],
                "confirmation_token": .null, "confirms": .null, "confirmation_expires_at": .null,
            ]
            object.merge(environment.json) { _, new in new }
            if environment.requiresConfirmation && report.decision == .allow {
                let tool = side == .buy ? "buy" : "sell"
                let now = environment.now()
                let token = environment.confirmations.issue(
                    for: OrderFlow.binding(tool, OrderFlow.summary(order)), at: now)
                object["confirmation_token"] = .string(token)
                object["confirms"] = .string(tool)
                object["confirmation_expires_at"] = .string(
                    environment.calendar.iso8601(now.addingTimeInterval(ConfirmationBook.lifetime)))
            }
            return .object(object)
        }
    }
}
