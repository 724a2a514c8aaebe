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
        var found = Self.pickStock(table[symbol.value] ?? [])
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
