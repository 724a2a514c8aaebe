/// Quotes for several symbols; a symbol that failed is listed with its error, never silently dropped.
public struct QuoteBatch: Sendable, Hashable {
    public var quotes: [Quote]
    public var failures: [Symbol: TradingError]

    public init(quotes: [Quote], failures: [Symbol: TradingError] = [:]) {
        self.quotes = quotes
        self.failures = failures
    }
}
