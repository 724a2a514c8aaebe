import TradingDomain

/// Research reads pass straight through: they cannot place or change an order, so no guard applies.
extension GuardedBroker {
    public func priceHistory(for symbol: Symbol, window: HistoryWindow) async throws -> PriceHistory {
        try await requireResearch().priceHistory(for: symbol, window: window)
    }

    public func searchSymbols(_ query: String, byName: Bool) async throws -> [SymbolMatch] {
        try await requireResearch().searchSymbols(query, byName: byName)
    }

    public func profitAndLoss() async throws -> ProfitAndLoss {
        try await requireResearch().profitAndLoss()
    }

    private func requireResearch() throws(TradingError) -> any MarketResearch {
        guard let research else {
            throw TradingError(
                .brokerUnavailable, "this broker offers no price history, symbol search or P&L",
                hint: "run Valet against the IBKR gateway or its twin (valet serve --gateway twin|live)")
        }
        return research
    }
}
