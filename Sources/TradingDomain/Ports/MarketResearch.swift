/// Read-only research a trader asks for beside quotes: price history, symbol search and profit and loss.
/// Every method only reads; nothing here can place or change an order.
public protocol MarketResearch: Sendable {
    /// Bars of `symbol` over `window`; throws `contractNotFound` for an unknown symbol.
    func priceHistory(for symbol: Symbol, window: HistoryWindow) async throws -> PriceHistory

    /// Stocks whose ticker is `query`, or whose company name contains it when `byName` is true.
    func searchSymbols(_ query: String, byName: Bool) async throws -> [SymbolMatch]

    /// Today's, unrealized and realized profit and loss of the account.
    func profitAndLoss() async throws -> ProfitAndLoss
}
