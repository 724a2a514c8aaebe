import MCPKit

/// `order_status`: the current state of one order.
enum OrderStatusTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "order_status", title: "Order status",
            description: """
                The current state of one order: status (pending, submitted, filled, cancelled, rejected, inactive, \
                unknown), filled and remaining quantity and average fill price. inactive may mean parked until the \
                open.
                """,
            arguments: ["order_id": ToolFactory.orderID], required: ["order_id"], data: Schemas.order,
            annotations: .readOnly(title: "Order status")
        ) { arguments, _, broker in
            let order = try await broker.orderStatus(try arguments.orderID())
            await environment.fills.observe([order])
            return Render.order(order)
        }
    }
}
