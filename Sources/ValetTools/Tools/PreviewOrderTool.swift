import FoundationEssentials
import MCPKit
import TradingDomain
import TradingSafety

/// `preview_order`: IBKR's cost preview plus what the guards would decide now; nothing is sent or journaled. It
/// approves nothing: on a live real-money account only a person can approve an order (see `LiveConfirmation`).
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
        "needs_person_approval": ["type": "boolean"],
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        var arguments = OrderFlow.sizingArguments
        arguments["side"] = ToolFactory.optionalSide
        return ToolFactory.make(
            environment, name: "preview_order", title: "Preview order",
            description: """
                Shows what an order would cost (IBKR's preview: commission, amount, margin and funds) and whether \
                the safety guards would let it through now. Nothing is sent or journaled. On a live real-money \
                account needs_person_approval is true: the order tool will ask the person to approve the exact \
                order (in the client, or with valet confirm in a terminal).
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
                "needs_person_approval": .bool(await environment.needsPersonApproval()),
            ]
            object.merge(environment.json) { _, new in new }
            return .object(object)
        }
    }
}
