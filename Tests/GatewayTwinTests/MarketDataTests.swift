import Foundation
import Testing

@testable import GatewayTwin

@Suite("Twin market data and contracts")
struct MarketDataTests {
    @Test("the first snapshot per conid only opens the stream; later calls carry string values")
    func snapshotWarmUp() {
        let harness = TwinHarness()
        let first = harness.get("/iserver/marketdata/snapshot", ["conids": "265598", "fields": "31,84,86"])
        #expect(first.text == #"[{"conid":265598,"conidEx":"265598"}]"#)
        harness.twin.setPrice(conid: 265598, last: dec("173.96"), bid: dec("173.95"), ask: dec("173.97"))
        let second = harness.get("/iserver/marketdata/snapshot", ["conids": "265598"]).json[0]
        #expect(second?["31"] == .string("173.96"))
        #expect(second?["84"] == .string("173.95"))
        #expect(second?["86"] == .string("173.97"))
        #expect(second?["6509"] == .string("RpB"))
        #expect(second?["server_id"] == .string("q0"))
        #expect(second?["6119"] == .string("q0"))
        #expect(second?["conid"] == .int(265598))
        #expect(second?["_updated"]?.intValue != nil)
    }

    @Test("outside regular hours the last price carries the C prefix")
    func closedPrefix() {
        let harness = TwinHarness()
        _ = harness.get("/iserver/marketdata/snapshot", ["conids": "756733", "fields": "31"])
        harness.twin.advance(seconds: 7 * 3600)
        harness.twin.login()
        _ = harness.get("/iserver/accounts")
        _ = harness.get("/iserver/marketdata/snapshot", ["conids": "756733", "fields": "31"])
        let row = harness.get("/iserver/marketdata/snapshot", ["conids": "756733"]).json[0]
        #expect(row?["31"] == .string("C500.00"))
    }

    @Test("an instrument without market data has no prices and reports availability N")
    func noMarketData() {
        var instrument = TwinInstrument.builtIn[0]
        instrument.hasMarketData = false
        let harness = TwinHarness(TwinConfiguration(instruments: [instrument]))
        _ = harness.get("/iserver/marketdata/snapshot", ["conids": "265598", "fields": "31,55"])
        let row = harness.get("/iserver/marketdata/snapshot", ["conids": "265598"]).json[0]
        #expect(row?["31"] == nil)
        #expect(row?["55"] == .string("AAPL"))
        #expect(row?["6509"] == .string("N"))
    }

    @Test("trsrv/stocks, secdef search, contract info and rules answer with real conids and IBKR's types")
    func contracts() {
        let harness = TwinHarness()
        let stocks = harness.get("/trsrv/stocks", ["symbols": "AAPL,MSFT,NOPE"]).json
        #expect(stocks["AAPL"]?[0]?["contracts"]?[0]?["conid"] == .int(265598))
        #expect(stocks["MSFT"]?[0]?["contracts"]?[0]?["conid"] == .int(272093))
        #expect(stocks["NOPE"] == nil)
        let rows = harness.get("/iserver/secdef/search", ["symbol": "SPY"]).json.arrayValue ?? []
        // cpapi.md §4.2: one row per listing, the primary US one first.
        #expect(rows.count == 2)
        let search = rows.first
        #expect(search?["conid"] == .string("756733"))
        #expect(search?["description"] == .string("ARCA"))
        #expect(rows.last?["description"] == .string("MEXI"))
        // cpapi.md §4.2 name search: reduced rows (description null, sections empty, secType STK), primary only.
        let named = harness.get("/iserver/secdef/search", ["symbol": "apple", "name": "true"]).json.arrayValue ?? []
        #expect(named.count == 1)
        #expect(named.first?["conid"] == .string("265598"))
        #expect(named.first?["description"] == .null)
        #expect(named.first?["sections"] == .array([]))
        #expect(named.first?["secType"] == .string("STK"))
        let info = harness.get("/iserver/contract/265598/info").json
        #expect(info["con_id"] == .int(265598))
        #expect(info["company_name"] == .string("APPLE INC"))
        let rules = harness.post("/iserver/contract/rules", .object(["conid": .int(265598), "isBuy": .bool(true)]))
        #expect(rules.json["fraqInt"] == .int(4))
        #expect(rules.json["increment"] == .float(dec("0.01")))
    }

    @Test("the seeded random walk moves prices by whole ticks while the market is open")
    func randomWalk() {
        let configuration = TwinConfiguration(seed: 11, randomWalkInterval: 1, randomWalkMaxTicks: 3)
        let harness = TwinHarness(configuration)
        harness.twin.advance(seconds: 120)
        guard let quote = harness.twin.quote(conid: 265598) else {
            Issue.record("no quote")
            return
        }
        #expect(quote.last != dec("190.00"))
        let ticks = (quote.last - dec("190.00")) / dec("0.01")
        #expect(TwinFormat.round(ticks, scale: 0) == ticks)
        #expect(abs(quote.last - dec("190.00")) <= dec("3.60"))
    }
}

@Suite("Twin price history")
struct HistoryTests {
    @Test("history bars are seeded, end at the current price and use IBKR's keys")
    func bars() throws {
        let harness = TwinHarness()
        let answer = harness.get("/iserver/marketdata/history", ["conid": "265598", "bar": "5min", "period": "1h"])
        let data = try #require(answer.json["data"]?.arrayValue)
        #expect(data.count == 12)
        #expect(data.last?["c"]?.decimalValue == dec("190.00"))
        #expect(answer.json["barLength"] == .int(300))
        #expect(answer.json["symbol"] == .string("AAPL"))
        #expect(answer.json["mdAvailability"] == .string("S"))
        for bar in data {
            let high = try #require(bar["h"]?.decimalValue)
            let low = try #require(bar["l"]?.decimalValue)
            #expect(high >= max(bar["o"]?.decimalValue ?? 0, bar["c"]?.decimalValue ?? 0))
            #expect(low <= min(bar["o"]?.decimalValue ?? 0, bar["c"]?.decimalValue ?? 0))
        }
        let again = harness.get("/iserver/marketdata/history", ["conid": "265598", "bar": "5min", "period": "1h"])
        #expect(again.text == answer.text)
        #expect(harness.get("/iserver/marketdata/history", ["conid": "265598", "bar": "7parsecs"]).status == 400)
    }
}
