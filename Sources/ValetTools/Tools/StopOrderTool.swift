import MCPKit
import TradingDomain

/// `stop_order`: a stop (STP) or stop-limit (STOP_LIMIT). Good-till-cancelled by default, so a protective stop
/// does not expire at the close; a protective stop may be placed outside regular hours.
enum StopOrderTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "stop_order", title: "Stop order",
            description: """
                Places a stop order: a market order once the price reaches stop_price, or a stop-limit when \
                limit_price is given. Sent GTC by default so a protective stop outlives the trading day; a stop \
                that protects a position may be placed outside regular hours. A stop on the wrong side of the \
                market (it would fire at once) is refused.
                """,
            arguments: [
                "symbol": ToolFactory.symbol(), "side": ToolFactory.side,
                "quantity": ToolFactory.number("Number of shares."),
                "stop_price": ToolFactory.number("The trigger price."),
                "limit_price": ToolFactory.optionalNumber("Makes it a stop-limit at this limit."),
                "time_in_force": ToolFactory.timeInForce,
            ],
            required: ["symbol", "side", "quantity", "stop_price"], data: Schemas.placement,
            annotations: .destructive(title: "Stop order")
        ) { arguments, context, broker in
            let symbol = try arguments.symbol()
            let side = try arguments.side()
            let quantity = try arguments.requiredDecimal("quantity", .quantity)
            let stop = try arguments.requiredDecimal("stop_price", .price)
            let limit = try arguments.decimal("limit_price", .price)
            let tif = try arguments.timeInForce(default: .goodTillCancelled)
            let type: OrderType = limit.map { .stopLimit(trigger: stop, limit: $0) } ?? .stop(trigger: stop)
            let order = try OrderFlow.request(symbol, side, .quantity(quantity), type, tif)
            return try await OrderFlow.place(
                order, tool: "stop_order", environment: environment, context: context, arguments: arguments,
                broker: broker)
        }
    }
}
