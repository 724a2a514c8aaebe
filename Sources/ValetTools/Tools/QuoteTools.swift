import MCPKit
import TradingDomain

/// `get_quote`: one snapshot. An unknown symbol is an error, never an empty success.
enum GetQuoteTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "get_quote", title: "Quote",
            description: """
                A market-data snapshot for one symbol: last price (and whether it is a trade, the prior close or a \
                halted price), bid and ask, as decimal strings; null when IBKR sent no price. An unknown symbol is \
                an error.
                """,
            arguments: ["symbol": ToolFactory.symbol()], required: ["symbol"], data: Render.quoteSchema,
            annotations: .readOnly(title: "Quote")
        ) { arguments, _, broker in
            Render.quote(try await broker.quote(for: try arguments.symbol()), calendar: environment.calendar)
        }
    }
}
