import MCPKit
import TradingDomain

/// `buy`: a market or limit BUY sized by `cash_amount` or `quantity`, through every guard.
enum BuyTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        let arguments = OrderFlow.sizingArguments
        return ToolFactory.make(
            environment, name: "buy", title: "Buy",
            description: """
                Buys a stock: give exactly one of cash_amount (US dollars to spend, market order; 50 means $50.00) or quantity; add \
                limit_price for a limit order (quantity only). Every order passes the safety guards; in dry-run \
                mode nothing is sent. The result states the environment (twin, replay, live-paper, live-real).
                """,
            arguments: arguments, required: ["symbol"], data: Schemas.placement,
            annotations: .destructive(title: "Buy")
        ) { arguments, context, broker in
            let symbol = try arguments.symbol()
            let order = try OrderFlow.sized(arguments, symbol: symbol, side: .buy)
            return try await OrderFlow.place(
                order, tool: "buy", environment: environment, context: context, arguments: arguments, broker: broker)
        }
    }
}
