import FoundationEssentials
import HTTPCore
import TradingDomain

/// Quotes from `/iserver/marketdata/snapshot`, with IBKR's warm-up: the first call for a conid only opens the
/// stream and returns identifiers, so the adapter asks again (on the injected clock) until the last price
/// arrives or the attempts run out.
extension IBKRBroker {
    /// IBKR's limit of conids in one snapshot request.
    static let snapshotBatchSize = 100

    public func quote(for symbol: Symbol) async throws -> Quote {
        let conid = try await contractID(for: symbol)
        let rows = try await warmSnapshot([conid])
        return Self.quote(symbol: symbol, conid: conid, row: rows[conid] ?? [:])
    }

    /// Snapshots for several symbols in as few requests as IBKR allows. A symbol that does not resolve is
    /// reported in `failures`; a failing snapshot request fails every symbol of its batch, by name.
    public func quotes(for symbols: [Symbol]) async throws -> QuoteBatch {
        var failures: [Symbol: TradingError] = [:]
        var resolved: [(Symbol, ContractID)] = []
        var seen: Set<Symbol> = []
        let unique = symbols.filter { seen.insert($0).inserted }
        let conids = try await contractIDs(for: unique)
        for symbol in unique {
            switch conids[symbol] {
            case .success(let conid)?: resolved.append((symbol, conid))
            case .failure(let error)?: failures[symbol] = error
            case nil: break
            }
        }
        var quotes: [Quote] = []
        var start = 0
        while start < resolved.count {
            let batch = Array(resolved[start..<min(start + Self.snapshotBatchSize, resolved.count)])
            start += Self.snapshotBatchSize
            do {
                let rows = try await warmSnapshot(Array(Set(batch.map(\.1))).sorted())
                quotes += batch.map { Self.quote(symbol: $0.0, conid: $0.1, row: rows[$0.1] ?? [:]) }
            } catch let error as TradingError {
                for (symbol, _) in batch { failures[symbol] = error }
            }
        }
        return QuoteBatch(quotes: quotes, failures: failures)
    }

    /// Calls the snapshot until every conid has a last price (field 31) or `settings.snapshotAttempts` calls
    /// were made, keeping the newest value of every field seen.
    func warmSnapshot(_ conids: [ContractID]) async throws -> [ContractID: [String: String]] {
        let request = CPAPIRequest.get(
            "/iserver/marketdata/snapshot",
            query: [
                URLQueryItem(name: "conids", value: conids.map { String($0.value) }.joined(separator: ",")),
                URLQueryItem(name: "fields", value: settings.snapshotFields.joined(separator: ",")),
            ],
            primed: true)
        var merged: [ContractID: [String: String]] = [:]
        for attempt in 1...settings.snapshotAttempts {
            let response = try await perform(request)
            let rows = try CPAPIJSON.decode([[String: FlexString]].self, from: response, endpoint: request.endpoint)
            for row in rows {
                guard let conid = row["conid"]?.value.flatMap(Int.init).map(ContractID.init) else { continue }
                for (key, value) in row {
                    if let text = value.value { merged[conid, default: [:]][key] = text }
                }
            }
            let complete = conids.allSatisfy { SnapshotValue.parse(merged[$0]?["31"]) != nil }
            if complete || attempt == settings.snapshotAttempts { break }
            try await pause(settings.snapshotRetryPause(after: attempt), before: request.endpoint)
        }
        return merged
    }

    static func quote(symbol: Symbol, conid: ContractID, row: [String: String]) -> Quote {
        let last = SnapshotValue.parse(row["31"])
        let source: Quote.LastPriceSource? = last.map { value in
            switch value.marker {
            case .none: return .trade
            case .priorClose: return .priorClose
            case .halted: return .halted
            }
        }
        let updated = row["_updated"].flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0 / 1000) }
        return Quote(
            symbol: symbol, contractID: conid, last: last?.value, lastSource: source,
            bid: SnapshotValue.parse(row["84"])?.value, ask: SnapshotValue.parse(row["86"])?.value,
            timestamp: updated)
    }
}
