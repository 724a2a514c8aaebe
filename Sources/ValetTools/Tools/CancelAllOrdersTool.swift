import MCPKit
import TradingDomain
import TradingSafety

/// `cancel_all_orders`: cancels every working order the broker lists (protective stops included) and lists
/// them; in dry-run nothing is sent and the list is what would be cancelled.
enum CancelAllOrdersTool {
    static let dataSchema = Schemas.object([
        "cancelled": [
            "type": "array",
            "items": Schemas.object(
                CancelOrderTool.dataSchemaItem.merging([
                    "symbol": Schemas.stringOrNull, "side": Schemas.stringOrNull,
                    "order_type": Schemas.stringOrNull, "quantity": Schemas.decimalOrNull,
                ]) { _, new in new }),
            "description": "Every working order a cancel was requested for (in dry-run: would be).",
        ],
        "message": ["type": "string"], "environment": Schemas.environment, "dry_run": ["type": "boolean"],
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "cancel_all_orders", title: "Cancel all orders",
            description: """
                Cancels EVERY working order on the account, protective stops and bracket exits included, and lists \
                them under cancelled (confirm with open_orders: cancels are acknowledged first). In dry-run mode \
                nothing is sent and the list is what would be cancelled.
                """,
            data: dataSchema, annotations: .destructive(title: "Cancel all orders", idempotent: true)
        ) { _, _, broker in
            let results = try await broker.cancelAll()
            let items: [JSONValue] = results.map { result in
                var object = CancelOrderTool.render(result)
                object["symbol"] = Render.string(result.order.symbol?.value)
                object["side"] = Render.string(result.order.side?.rawValue)
                object["order_type"] = Render.string(result.order.typeKind?.rawValue)
                object["quantity"] = Render.decimal(result.order.remainingQuantity ?? result.order.quantity)
                return .object(object)
            }
            let verb = broker.policy.dryRun ? "Dry run: NOT sent. Would cancel" : "Cancel requested for"
            var object = environment.json
            object["cancelled"] = .array(items)
            object["message"] = .string(
                results.isEmpty ? "No working orders: nothing to cancel." : "\(verb) \(results.count) order(s).")
            return .object(object)
        }
    }
}
