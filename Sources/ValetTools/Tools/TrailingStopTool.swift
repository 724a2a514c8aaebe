import MCPKit
import TradingDomain

/// `trailing_stop`: a stop that follows the market by an amount or a percentage; GTC by default.
enum TrailingStopTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "trailing_stop", title: "Trailing stop",
            description: """
                Places a trailing stop that follows the market by trail_amount (money) or trail_percent (strictly \
                between 0 and 100); give exactly one. Sent GTC by default so the protection outlives the day.
                """,
            arguments: [
                "symbol": ToolFactory.symbol(), "side": ToolFactory.side,
                "quantity": ToolFactory.number("Number of shares."),
                "trail_amount": ToolFactory.optionalNumber(
                    "Trailing distance in US dollars per share (2 means $2.00 from the best price)."),
                "trail_percent": ToolFactory.optionalNumber(
                    "Trailing distance in percent of the price (5 means 5%, not 0.05)."),
                "time_in_force": ToolFactory.timeInForce,
            ],
            required: ["symbol", "side", "quantity"], data: Schemas.placement,
            annotations: .destructive(title: "Trailing stop")
        ) { arguments, context, broker in
            let symbol = try arguments.symbol()
            let side = try arguments.side()
            let quantity = try arguments.requiredDecimal("quantity", .quantity)
            let amount = try arguments.decimal("trail_amount", .price)
            let percent = try arguments.decimal("trail_percent", .percent)
            let tif = try arguments.timeInForce(default: .goodTillCancelled)
            let offset: TrailingOffset
            switch (amount, percent) {
            case (let amount?, nil): offset = .amount(amount)
            case (nil, let percent?): offset = .percent(percent)
            case (nil, nil):
                throw ToolFailure.invalid("trail_amount", "give exactly one of trail_amount and trail_percent")
            case (_?, _?):
                throw ToolFailure.invalid(
                    "trail_percent", "give exactly one of trail_amount and trail_percent (got both)")
            }
            let order = try OrderFlow.request(symbol, side, .quantity(quantity), .trailing(offset), tif)
            return try await OrderFlow.place(
                order, tool: "trailing_stop", environment: environment, context: context, arguments: arguments,
                broker: broker)
        }
    }
}
