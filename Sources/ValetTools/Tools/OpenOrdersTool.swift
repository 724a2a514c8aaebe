import MCPKit

/// `open_orders`: the account's working orders, or with `include_finished` every order IBKR lists (filled,
/// cancelled and rejected ones of the session too).
enum OpenOrdersTool {
    static let dataSchema: JSONValue = ["type": "array", "items": Schemas.order]

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "open_orders", title: "Open orders",
            description: """
                The account's working orders (submitted, pending, or in an unknown state) with their status. \
                include_finished: true lists the session's filled, cancelled and rejected orders too.
                """,
            arguments: [
                "include_finished": [
                    "type": ["boolean", "null"],
                    "description": "Also list finished orders (filled, cancelled, rejected); default false.",
                ]
            ],
            data: dataSchema, annotations: .readOnly(title: "Open orders")
        ) { arguments, _, broker in
            let all = try arguments.bool("include_finished", default: false)
            let orders = try await broker.openOrders()
            await environment.fills.observe(orders)
            return .array(orders.filter { all || !$0.status.isTerminal }.map(Render.order))
        }
    }
}
