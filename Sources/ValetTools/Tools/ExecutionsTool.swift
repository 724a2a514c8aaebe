import MCPKit
import TradingDomain

/// `executions`: fills of the last days (IBKR's trades), with commissions.
enum ExecutionsTool {
    static let dataSchema: JSONValue = [
        "type": "array",
        "items": Schemas.object([
            "execution_id": ["type": "string"], "symbol": ["type": "string"], "side": Schemas.stringOrNull,
            "quantity": Schemas.decimal, "price": Schemas.decimal, "time": ["type": "string"],
            "order_id": Schemas.stringOrNull, "client_order_id": Schemas.stringOrNull,
            "commission": Schemas.decimalOrNull, "net_amount": Schemas.decimalOrNull,
        ]),
    ]

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "executions", title: "Executions",
            description: "Fills (IBKR's trades) of the last days (1 to 7, default 1), with price and commission.",
            arguments: [
                "days": ToolFactory.optionalInteger("How many days back, 1 to 7 (default 1).")
            ],
            data: dataSchema, annotations: .readOnly(title: "Executions")
        ) { arguments, _, broker in
            let days = try arguments.integer("days", in: 1...7, default: 1)
            return .array(
                try await broker.executions(days: days).map { fill in
                    [
                        "execution_id": .string(fill.executionID), "symbol": .string(fill.symbol.value),
                        "side": Render.string(fill.side?.rawValue), "quantity": Render.decimal(fill.quantity),
                        "price": Render.decimal(fill.price), "time": .string(environment.calendar.iso8601(fill.time)),
                        "order_id": Render.string(fill.orderID?.value),
                        "client_order_id": Render.string(fill.clientOrderID?.value),
                        "commission": Render.decimal(fill.commission), "net_amount": Render.decimal(fill.netAmount),
                    ]
                })
        }
    }
}
