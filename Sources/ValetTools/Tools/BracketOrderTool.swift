import MCPKit
import TradingDomain

/// `bracket_order`: an entry with a take-profit and a stop-loss that cancel each other (exits GTC).
enum BracketOrderTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "bracket_order", title: "Bracket order",
            description: """
                Places an entry (market, or limit at entry_limit_price) with two exits that cancel each other: a \
                take-profit limit and a stop-loss stop, both GTC. For a BUY: take_profit > entry limit > stop_loss; \
                a SELL is the mirror image. The result lists each leg under legs.
                """,
            arguments: [
                "symbol": ToolFactory.symbol(), "quantity": ToolFactory.number("Number of shares."),
                "take_profit": ToolFactory.number("Take-profit limit price."),
                "stop_loss": ToolFactory.number("Stop-loss trigger price."),
                "side": ToolFactory.optionalSide,
                "entry_limit_price": ToolFactory.optionalNumber("Entry limit; omit for a market entry."),
            ],
            required: ["symbol", "quantity", "take_profit", "stop_loss"], data: Schemas.placement,
            annotations: .destructive(title: "Bracket order")
        ) { arguments, context, broker in
            let symbol = try arguments.symbol()
            let quantity = try arguments.requiredDecimal("quantity", .quantity)
            let takeProfit = try arguments.requiredDecimal("take_profit", .price)
            let stopLoss = try arguments.requiredDecimal("stop_loss", .price)
            let side = try arguments.side(default: .buy)
            let entry: OrderType = try arguments.decimal("entry_limit_price", .price).map { .limit($0) } ?? .market
            let bracket = try BracketRequest(
                symbol: symbol, side: side, quantity: quantity, entry: entry, takeProfit: takeProfit,
                stopLoss: stopLoss)
            let summary = OrderFlow.summary(bracket)
            try await LiveConfirmation.check(
                environment, context: context, tool: "bracket_order", summary: summary, subject: .bracket(bracket))
            return Render.placement(try await broker.placeBracket(bracket), environment: environment)
        }
    }
}
