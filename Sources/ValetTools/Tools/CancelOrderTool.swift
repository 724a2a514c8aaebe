import MCPKit
import TradingDomain

/// `cancel_order`: asks the broker to cancel an order. Never blocked by a guard: cancelling only reduces risk.
enum CancelOrderTool {
    static let dataSchema = Schemas.object([
        "order_id": ["type": "string"], "client_order_id": Schemas.stringOrNull, "status": Schemas.status,
        "broker_status": Schemas.stringOrNull, "message": Schemas.stringOrNull, "environment": Schemas.environment,
        "dry_run": ["type": "boolean"],
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "cancel_order", title: "Cancel order",
            description: """
                Asks IBKR to cancel an order. The answer may still say pending: the broker acknowledges first and \
                cancels after; confirm with order_status. Cancels are sent even in dry-run mode (they only reduce \
                risk).
                """,
            arguments: ["order_id": ToolFactory.orderID], required: ["order_id"], data: dataSchema,
            annotations: .destructive(title: "Cancel order", idempotent: true)
        ) { arguments, _, broker in
            let ack = try await broker.cancel(try arguments.orderID())
            var object: [String: JSONValue] = [
                "order_id": .string(ack.orderID.value), "client_order_id": Render.string(ack.clientOrderID?.value),
                "status": .string(ack.status.rawValue), "broker_status": Render.string(ack.brokerStatus),
                "message": Render.string(ack.message),
            ]
            object.merge(environment.json) { _, new in new }
            return .object(object)
        }
    }
}
