import FoundationEssentials
import HTTPCore
import TradingDomain

/// Price history, symbol search and profit and loss: read-only research over CPAPI.
extension IBKRBroker: MarketResearch {
    /// `/iserver/marketdata/history` for the cached conid of `symbol` (one request once the conid is known).
    public func priceHistory(for symbol: Symbol, window: HistoryWindow) async throws -> PriceHistory {
        let conid = try await contractID(for: symbol)
        let request = CPAPIRequest.get(
            "/iserver/marketdata/history",
            query: [
                URLQueryItem(name: "conid", value: String(conid.value)),
                URLQueryItem(name: "period", value: window.period), URLQueryItem(name: "bar", value: window.bar),
            ], primed: true)
        let response = try await perform(request)
        let wire = try CPAPIJSON.decode(CPAPIHistory.self, from: response, endpoint: request.endpoint)
        return PriceHistory(
            symbol: symbol, contractID: conid, window: window, delayed: wire.mdAvailability?.hasPrefix("D") == true,
            bars: (wire.data ?? []).compactMap(Self.bar(from:)))
    }

    /// A bar with all four prices and a time; others (IBKR never sends them, but a hole must not crash) dropped.
    static func bar(from wire: CPAPIHistory.Bar) -> PriceBar? {
        guard let open = wire.o?.value, let high = wire.h?.value, let low = wire.l?.value, let close = wire.c?.value,
            let time = wire.t
        else { return nil }
        return PriceBar(
            start: Date(timeIntervalSince1970: Double(time) / 1000), open: open, high: high, low: low, close: close,
            volume: wire.v?.value)
    }

    /// `/iserver/secdef/search` (cpapi.md §4.2): stock records only, with a conid and a symbol (bond and other
    /// records are left out). A ticker search also teaches the conid cache the US listing it found.
    public func searchSymbols(_ query: String, byName: Bool) async throws -> [SymbolMatch] {
        var items = [URLQueryItem(name: "symbol", value: query), URLQueryItem(name: "secType", value: "STK")]
        if byName { items.append(URLQueryItem(name: "name", value: "true")) }
        let request = CPAPIRequest.get("/iserver/secdef/search", query: items, primed: true)
        let response = try await perform(request)
        // IBKR answers an unknown query with an error object rather than an empty array (cpapi.md §8.2): no match.
        let records = (try? JSONDecoder().decode([CPAPISearchRecord].self, from: response.body)) ?? []
        let matches = records.compactMap { record -> SymbolMatch? in
            guard let symbol = record.symbol, !symbol.isEmpty,
                let conid = record.conid?.value.flatMap(Int.init).map(ContractID.init)
            else { return nil }
            let isStock =
                record.secType == "STK" || (record.sections ?? []).contains { $0.secType == "STK" }
                || (record.sections ?? []).isEmpty && record.secType == nil
            guard isStock else { return nil }
            return SymbolMatch(
                symbol: symbol, contractID: conid, companyName: record.companyName,
                exchange: record.description.flatMap { $0.isEmpty ? nil : $0 })
        }
        for match in matches where !byName {
            if let exchange = match.exchange, Self.usExchanges.contains(exchange.uppercased()),
                let ticker = try? Symbol(match.symbol), contractIDs[ticker] == nil
            {
                contractIDs[ticker] = match.contractID
            }
        }
        return matches
    }

    /// `/iserver/account/pnl/partitioned` for today's and unrealized P&L, net liquidation and market value, then
    /// the ledger's `BASE` entry (cpapi.md §3.5) for the realized P&L the partitioned answer lacks: two requests.
    public func profitAndLoss() async throws -> ProfitAndLoss {
        let pnlRequest = CPAPIRequest.get("/iserver/account/pnl/partitioned", primed: true)
        let pnlResponse = try await perform(pnlRequest)
        let partitioned = try CPAPIJSON.decode(
            CPAPIPartitionedPnl.self, from: pnlResponse, endpoint: pnlRequest.endpoint)
        let rows = partitioned.upnl ?? [:]
        let row = rows["\(accountID.value).Core"] ?? rows.first { $0.key.hasPrefix(accountID.value) }?.value
        var ledgerRequest = CPAPIRequest.get("/portfolio/\(accountPath)/ledger")
        ledgerRequest.needsPortfolioPriming = true
        let ledgerResponse = try await perform(ledgerRequest)
        let ledger = try CPAPIJSON.decode(
            [String: CPAPILedgerEntry].self, from: ledgerResponse, endpoint: ledgerRequest.endpoint)
        let base = ledger["BASE"]
        return ProfitAndLoss(
            accountID: accountID.value, daily: row?.dpl?.value,
            unrealized: row?.upl?.value ?? base?.unrealizedpnl?.value,
            realized: base?.realizedpnl?.value, netLiquidation: row?.nl?.value, marketValue: row?.mv?.value)
    }
}
