import Foundation
import Testing

@testable import TradingDomain

@Suite("Quote prices")
struct QuoteTests {
    @Test("worst buy and sell prices ignore missing and non-positive values")
    func worstPrices() throws {
        let quote = Quote(symbol: try Symbol("AAPL"), last: 100, bid: 99, ask: 101)
        #expect(quote.worstBuyPrice == 101)
        #expect(quote.worstSellPrice == 99)
        let thin = Quote(symbol: try Symbol("AAPL"), last: 0, bid: nil, ask: 101)
        #expect(thin.worstBuyPrice == 101)
        #expect(thin.worstSellPrice == nil)
        #expect(thin.referencePrice == 101)
        #expect(Quote(symbol: try Symbol("AAPL")).hasNoPrice)
    }

    @Test("the reference price falls back to the midpoint")
    func midpoint() throws {
        #expect(Quote(symbol: try Symbol("X"), bid: 10, ask: 12).referencePrice == 11)
    }

    @Test("statuses: inactive is terminal but not definitely dead")
    func statuses() {
        #expect(OrderStatus.inactive.isTerminal)
        #expect(!OrderStatus.inactive.isDefinitelyDead)
        #expect(OrderStatus.cancelled.isDefinitelyDead)
        #expect(!OrderStatus.unknown.isTerminal)
    }

    @Test("only unknown outcomes may have reached the broker", arguments: TradingError.Code.allCases)
    func mayHaveReached(code: TradingError.Code) {
        let error = TradingError(code, "x")
        #expect(error.mayHaveReachedBroker == (code == .outcomeUnknown || code == .unexpectedResponse))
    }
}

@Suite("Warning allow-list")
struct WarningAllowListTests {
    @Test(
        "approves only non-empty id lists made entirely of approved ids",
        arguments: [
            (["o354"], true), (["o354", "o163"], true), ([], false), (["o2137"], false), (["o354", "o2137"], false),
            (["o0"], false), (["o10331"], true), (["o10152"], true), (["p12"], true),
        ] as [([String], Bool)])
    func approves(ids: [String], expected: Bool) {
        #expect(WarningAllowList.standard.approves(ids) == expected)
    }

    @Test("the generic o0 id can never be approved")
    func genericID() {
        #expect(!WarningAllowList(messageIDs: ["o0", "o354"]).approves(["o0"]))
    }
}

@Suite("TradingError")
struct TradingErrorTests {
    @Test("encodes with snake_case keys and keeps the broker's text")
    func encoding() throws {
        let error = TradingError(.brokerRejected, "Order rejected.", hint: "check the price", brokerMessage: "Invalid")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(error), as: UTF8.self)
        #expect(
            text
                == #"{"broker_message":"Invalid","code":"broker_rejected","hint":"check the price","message":"Order rejected."}"#
        )
        #expect(try JSONDecoder().decode(TradingError.self, from: Data(text.utf8)) == error)
        #expect(error.description.contains("broker said: Invalid"))
    }
}
