import FoundationEssentials
import HTTPCore
import TradingDomain

/// Symbol → conid resolution and contract rules, both cached for the life of the broker.
extension IBKRBroker {
    /// US exchanges a stock's primary listing may be on (for `/iserver/secdef/search` records).
    static let usExchanges: Set<String> = ["NASDAQ", "NYSE", "ARCA", "AMEX", "BATS", "IEX", "NYSEARCA", "PINK"]

    /// The US stock conid of `symbol`: `/trsrv/stocks` first (a US contract, else one in USD), then
    /// `/iserver/secdef/search` when that finds nothing. Throws `contractNotFound` when neither does.
    public func contractID(for symbol: Symbol) async throws -> ContractID {
        if let known = contractIDs[symbol] { return known }
        let request = CPAPIRequest.get("/trsrv/stocks", query: [URLQueryItem(name: "symbols", value: symbol.value)])
        let response = try await perform(request)
        let table = (try? JSONDecoder().decode([String: [CPAPIStockEntry]].self, from: response.body)) ?? [:]
        return try await settle(symbol, stock: Self.pickStock(table[symbol.value] ?? []))
    }

    /// The conid `/trsrv/stocks` gave `symbol` (nil: none), else `/iserver/secdef/search`'s; cached once found.
    private func settle(_ symbol: Symbol, stock: ContractID?) async throws -> ContractID {
        var found = stock
        if found == nil {
            found = try await searchSecdef(symbol)
        }
        guard let found else {
            throw TradingError(
                .contractNotFound, "no US stock listing found for \(symbol)",
                hint: "check the ticker; only US stocks are supported")
        }
        contractIDs[symbol] = found
        return found
    }

    /// The conids of several symbols, asking `/trsrv/stocks` once for all the uncached ones (it takes a comma list,
    /// cpapi.md §4.3) instead of once per symbol: each request spends IBKR's pacing. A symbol the table lacks goes
    /// to `secdef/search`; a failure is that symbol's alone.
    func contractIDs(for symbols: [Symbol]) async throws -> [Symbol: Result<ContractID, TradingError>] {
        var stocks: [Symbol: ContractID?] = [:]
        let unknown = symbols.filter { contractIDs[$0] == nil }
        var start = 0
        while unknown.count > 1 && start < unknown.count {
            let batch = unknown[start..<min(start + Self.stockLookupBatchSize, unknown.count)]
            start += Self.stockLookupBatchSize
            let joined = batch.map(\.value).joined(separator: ",")
            let request = CPAPIRequest.get("/trsrv/stocks", query: [URLQueryItem(name: "symbols", value: joined)])
            // A failed batch leaves its symbols to be looked up one by one below.
            guard let response = try? await perform(request) else {
                try Task.checkCancellation()
                continue
            }
            let table = (try? JSONDecoder().decode([String: [CPAPIStockEntry]].self, from: response.body)) ?? [:]
            for symbol in batch { stocks[symbol] = Self.pickStock(table[symbol.value] ?? []) }
        }
        var results: [Symbol: Result<ContractID, TradingError>] = [:]
        for symbol in symbols where results[symbol] == nil {
            do {
                if let answered = stocks[symbol] {
                    results[symbol] = .success(try await settle(symbol, stock: answered))
                } else {
                    results[symbol] = .success(try await contractID(for: symbol))
                }
            } catch let error as TradingError {
                results[symbol] = .failure(error)
            }
        }
        return results
    }

    /// Symbols per `/trsrv/stocks` call. IBKR documents no limit; this keeps the URL short (an assumption).
    static let stockLookupBatchSize = 50

    static func pickStock(_ entries: [CPAPIStockEntry]) -> ContractID? {
        let stocks = entries.filter { ($0.assetClass ?? "STK") == "STK" }
        let contracts = stocks.flatMap { $0.contracts ?? [] }
        let chosen =
            contracts.first { $0.isUS?.value == true && $0.conid?.value != nil }
            ?? contracts.first { $0.currency == "USD" && $0.conid?.value != nil }
        return chosen?.conid?.value.flatMap(Int.init).map(ContractID.init)
    }

    private func searchSecdef(_ symbol: Symbol) async throws -> ContractID? {
        let request = CPAPIRequest.get(
            "/iserver/secdef/search",
            query: [URLQueryItem(name: "symbol", value: symbol.value), URLQueryItem(name: "secType", value: "STK")],
            primed: true)
        let response = try await perform(request)
        let records = (try? JSONDecoder().decode([CPAPISecdefRecord].self, from: response.body)) ?? []
        let match = records.first { record in
            record.symbol?.uppercased() == symbol.value
                && Self.usExchanges.contains((record.description ?? "").uppercased())
                && (record.sections?.contains { $0.secType == "STK" } ?? true)
        }
        return match?.conid?.value.flatMap(Int.init).map(ContractID.init)
    }

    /// The order rules of `contractID` (`fraqInt`, `fraqTypes`, `cqtTypes`, tick), fetched once and cached.
    public func contractRules(for contractID: ContractID) async throws -> ContractRules {
        if let known = rulesCache[contractID] { return known }
        let body = try CPAPIJSON.encode(CPAPIRulesBody(conid: contractID.value, isBuy: true))
        let request = CPAPIRequest.post("/iserver/contract/rules", json: body, primed: true)
        let response = try await perform(request)
        let wire = try CPAPIJSON.decode(CPAPIContractRules.self, from: response, endpoint: request.endpoint)
        if let error = wire.error?.value, !error.isEmpty {
            throw TradingError(
                .brokerRejected, "IBKR refused the contract rules of conid \(contractID)", brokerMessage: error)
        }
        let rules = ContractRules(
            fractionDecimals: wire.fraqInt ?? 0, fractionalOrderTypes: Set(wire.fraqTypes ?? []),
            cashOrderTypes: Set(wire.cqtTypes ?? []), priceTick: wire.increment?.value)
        rulesCache[contractID] = rules
        return rules
    }
}
