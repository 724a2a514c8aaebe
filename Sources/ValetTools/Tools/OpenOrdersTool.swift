import MCPKit

/// `open_orders`: the orders IBKR lists for the account (working and recently finished).
enum OpenOrdersTool {
    static let dataSchema: JSONValue = ["type": "array", "items": Schemas.order]

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "open_orders", title: "Open orders",
            description: "Orders IBKR lists for the account, working and recently finished, with their status.",
            data: dataSchema, annotations: .readOnly(title: "Open orders")
        ) { _, _, broker in
            .array(try await broker.openOrders().map(Render.order))
        }
    }
}
