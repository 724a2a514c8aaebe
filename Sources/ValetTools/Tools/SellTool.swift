import MCPKit
import TradingDomain

/// `sell`: a market or limit SELL by quantity. Selling more than is held is refused unless shorting is allowed.
enum SellTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "sell", title: "Sell",
            description: """
                Sells shares by quantity at the market, or at limit_price. A sell larger than the position is \
                refused unless shorting is allowed. In dry-run mode nothing is sent and the result shows the \
                estimated proceeds (notional).
                """,
            arguments: [
                "symbol": ToolFactory.symbol(),
                "quantity": ToolFactory.number("Number of shares to sell."),
                "limit_price": ToolFactory.optionalNumber("Limit price; omit for a market order."),
            ],
            required: ["symbol", "quantity"], data: Schemas.placement, annotations: .destructive(title: "Sell")
        ) { arguments, context, broker in
            let symbol = try arguments.symbol()
            let quantity = try arguments.requiredDecimal("quantity", .quantity)
            let type: OrderType = try arguments.decimal("limit_price", .price).map { .limit($0) } ?? .market
            let order = try OrderFlow.request(symbol, .sell, .quantity(quantity), type, .day)
            return try await OrderFlow.place(
                order, tool: "sell", environment: environment, context: context, arguments: arguments, broker: broker)
        }
    }
}
