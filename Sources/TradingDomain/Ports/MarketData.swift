/// Prices for symbols.
public protocol MarketData: Sendable {
    /// One snapshot; throws `contractNotFound` for an unknown symbol. Prices may be nil when no data arrived.
    func quote(for symbol: Symbol) async throws -> Quote

    /// Snapshots for several symbols; each symbol that failed is reported in `failures`, never dropped.
    func quotes(for symbols: [Symbol]) async throws -> QuoteBatch
}
