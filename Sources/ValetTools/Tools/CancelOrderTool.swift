import MCPKit
import TradingDomain
import TradingSafety

/// `cancel_order`: cancels one working order, by its id. Never blocked by a guard (cancelling only reduces risk),
/// but the id must be one the broker lists as working, the cancel is journaled, and in dry-run nothing is sent.
enum CancelOrderTool {
    /// The fields of one cancel.
    static let dataSchemaItem: [String: JSONValue] = [
        "order_id": ["type": "string"], "client_order_id": Schemas.stringOrNull, "status": Schemas.status,
        "broker_status": Schemas.stringOrNull, "message": Schemas.stringOrNull,
        "sent": ["type": "boolean", "description": "False in dry-run: nothing was sent."],
    ]
    static let dataSchema = Schemas.object(
        dataSchemaItem.merging(["environment": Schemas.environment, "dry_run": ["type": "boolean"]]) { _, new in new })

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "cancel_order", title: "Cancel order",
            description: """
                Cancels ONE working order by its order_id (a positive whole number from open_orders; -1 is \
                refused: use cancel_all_orders to cancel everything). The answer may still say pending: the broker \
                acknowledges first and cancels after; confirm with order_status. In dry-run mode nothing is sent \
                and the answer says what would be cancelled.
                """,
            arguments: ["order_id": ToolFactory.orderID], required: ["order_id"], data: dataSchema,
            annotations: .destructive(title: "Cancel order", idempotent: true)
        ) { arguments, _, broker in
            let result = try await broker.cancel(try arguments.orderID())
            var object = render(result)
            object.merge(environment.json) { _, new in new }
            return .object(object)
        }
    }

    /// One cancel as the tools show it: the broker's acknowledgement when sent, else the order as listed.
    static func render(_ result: CancelResult) -> [String: JSONValue] {
        let status = result.ack?.status ?? result.order.status
        return [
            "order_id": .string(result.order.orderID.value),
            "client_order_id": Render.string(result.order.clientOrderID?.value),
            "status": .string(status.rawValue),
            "broker_status": Render.string(result.ack?.brokerStatus ?? result.order.brokerStatus),
            "message": .string(result.message), "sent": .bool(result.disposition == .sent),
        ]
    }
}
