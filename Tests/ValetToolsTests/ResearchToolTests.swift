import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

/// `price_history`, `search_symbol` and `pnl`: what they send, how they render, and how they refuse bad input.
@Suite("Tools: research")
struct ResearchToolTests {
    static func fixture() throws -> ToolFixture {
        var script = ScriptedBroker.Script()
        // 2026-12-04 14:30 UTC = 09:30 New York.
        script.bars = [
            PriceBar(
                start: Date(timeIntervalSince1970: 1_796_394_600), open: Decimal(string: "190.1")!,
                high: Decimal(string: "191.25")!, low: Decimal(string: "189.9")!, close: Decimal(string: "191")!,
                volume: 1234)
        ]
        script.matches = [
            SymbolMatch(symbol: "AAPL", contractID: ContractID(265_598), companyName: "APPLE INC", exchange: "NASDAQ"),
            SymbolMatch(symbol: "AAPL", contractID: ContractID(38_708_077), companyName: "APPLE INC", exchange: "MEXI"),
        ]
        return try ToolFixture(script: script)
    }

    @Test("price_history sends the period and bar asked for and renders decimal strings in New York time")
    func history() async throws {
        let fixture = try Self.fixture()
        let result = try await fixture.call("price_history", ["symbol": "aapl", "period": "1w", "bar": "1h"])
        let data = try #require(result.data)
        #expect(fixture.broker.researchCalls == ["history AAPL 1w 1h"])
        #expect(data["count"] == 1)
        let bar = try #require(data["bars"]?.arrayValue?.first)
        #expect(bar["time"] == "2026-12-04T09:30:00-05:00")
        #expect(bar["open"] == "190.1")
        #expect(bar["high"] == "191.25")
        #expect(bar["close"] == "191")
        #expect(bar["volume"] == "1234")
    }

    @Test("price_history defaults to a week of daily bars")
    func historyDefaults() async throws {
        let fixture = try Self.fixture()
        _ = try await fixture.call("price_history", ["symbol": "AAPL"])
        #expect(fixture.broker.researchCalls == ["history AAPL 1w 1d"])
    }

    @Test(
        "price_history refuses a period or bar outside IBKR's set, naming it, and sends nothing",
        arguments: [
            (["period": "31min", "bar": "1min"], "period"), (["period": "2x", "bar": "1d"], "period"),
            (["period": "16y", "bar": "1w"], "period"), (["period": "1d", "bar": "1w"], "bar"),
            (["period": "0d", "bar": "1d"], "period"), (["period": "1d", "bar": "7min"], "bar"),
        ] as [([String: JSONValue], String)])
    func historyBadWindow(window: [String: JSONValue], argument: String) async throws {
        let fixture = try Self.fixture()
        var arguments = window
        arguments["symbol"] = "AAPL"
        let result = try await fixture.call("price_history", arguments)
        #expect(result.isError == true)
        #expect(result.errorCode == "invalid_argument")
        #expect(result.errorArgument == argument)
        #expect(result.errorMessage.contains("Nothing was sent"))
        #expect(fixture.broker.researchCalls.isEmpty)
    }

    @Test("search_symbol lists every listing by ticker, and searches names only when asked")
    func search() async throws {
        let fixture = try Self.fixture()
        let result = try await fixture.call("search_symbol", ["query": "aapl"])
        let matches = try #require(result.data?["matches"]?.arrayValue)
        #expect(matches.count == 2)
        #expect(matches.first?["conid"] == 265_598)
        #expect(matches.first?["exchange"] == "NASDAQ")
        let byName = try await fixture.call("search_symbol", ["query": "apple", "by_name": true])
        #expect(byName.data?["count"] == 2)
        #expect(fixture.broker.researchCalls == ["search AAPL false", "search APPLE true"])
    }

    @Test("search_symbol answers no match with contract_not_found naming the query")
    func searchNoMatch() async throws {
        let fixture = try Self.fixture()
        let result = try await fixture.call("search_symbol", ["query": "zzzz"])
        #expect(result.isError == true)
        #expect(result.errorCode == "contract_not_found")
        #expect(result.errorMessage.contains("ZZZZ"))
    }

    @Test("search_symbol refuses an empty query before asking the broker")
    func searchEmpty() async throws {
        let fixture = try Self.fixture()
        let result = try await fixture.call("search_symbol", ["query": "  "])
        #expect(result.errorCode == "invalid_argument")
        #expect(result.errorArgument == "query")
        #expect(fixture.broker.researchCalls.isEmpty)
    }

    @Test("pnl renders today's, unrealized and realized P&L as decimal strings, null when unreported")
    func pnl() async throws {
        let fixture = try Self.fixture()
        let data = try #require(try await fixture.call("pnl").data)
        #expect(data["daily"] == "12.5")
        #expect(data["unrealized"] == "-3.25")
        #expect(data["realized"] == "15.75")
        #expect(data["market_value"] == .null)
        #expect(fixture.broker.researchCalls == ["pnl"])
    }

    @Test("a broker read failure comes back in the envelope")
    func brokerFailure() async throws {
        let fixture = try Self.fixture()
        fixture.broker.update { $0.readError = TradingError(.brokerUnavailable, "gateway down") }
        let result = try await fixture.call("pnl")
        #expect(result.isError == true)
        #expect(result.errorCode == "broker_unavailable")
    }
}
