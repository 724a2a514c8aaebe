import Foundation
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// Price history, symbol search and P&L against the twin (no cassette in recordings/ captures these endpoints,
/// so the replay backend cannot play them): the mapping of each endpoint and the number of requests it costs.
@Suite("IBKRBroker contract: research")
struct ResearchContractTests {
    static func harness() throws -> Harness {
        try Harness(AdapterBackend.twinInProcess, "session-authenticated")
    }

    @Test("price history: one history request per call once the conid is cached, bars oldest first")
    func history() async throws {
        let harness = try Self.harness()
        let aapl = try Symbol("AAPL")
        let window = try HistoryWindow(period: "1d", bar: "1h")
        let history = try await harness.broker.priceHistory(for: aapl, window: window)
        #expect(history.contractID == ContractID(265598))
        #expect(history.bars.count == 24)
        #expect(zip(history.bars, history.bars.dropFirst()).allSatisfy { $0.start < $1.start })
        #expect(history.bars.allSatisfy { $0.low <= $0.open && $0.low <= $0.close && $0.high >= $0.close })
        _ = try await harness.broker.priceHistory(for: aapl, window: window)
        #expect(harness.sent("GET", "/iserver/marketdata/history") == 2)
        #expect(harness.sent("GET", "/trsrv/stocks") == 1)
    }

    @Test("an unknown symbol's history is contractNotFound, and no history request is sent")
    func historyUnknown() async throws {
        let harness = try Self.harness()
        let error = await tradingError {
            _ = try await harness.broker.priceHistory(
                for: try Symbol("ZZZZ"), window: try HistoryWindow(period: "1w", bar: "1d"))
        }
        #expect(error?.code == .contractNotFound)
        #expect(harness.sent("GET", "/iserver/marketdata/history") == 0)
    }

    @Test("ticker search lists each stock listing with its exchange and teaches the conid cache")
    func search() async throws {
        let harness = try Self.harness()
        let matches = try await harness.broker.searchSymbols("AAPL", byName: false)
        #expect(
            matches.first
                == SymbolMatch(
                    symbol: "AAPL", contractID: ContractID(265598), companyName: "APPLE INC", exchange: "NASDAQ"))
        #expect(matches.allSatisfy { $0.symbol == "AAPL" })
        _ = try await harness.broker.quote(for: try Symbol("AAPL"))
        #expect(harness.sent("GET", "/trsrv/stocks") == 0)
        #expect(harness.sent("GET", "/iserver/secdef/search") == 1)
    }

    @Test("name search finds by company name; an unknown query is an empty list")
    func searchByName() async throws {
        let harness = try Self.harness()
        let matches = try await harness.broker.searchSymbols("APPLE", byName: true)
        #expect(matches.map(\.contractID).contains(ContractID(265598)))
        #expect(try await harness.broker.searchSymbols("NOSUCHCOMPANY", byName: true).isEmpty)
    }

    @Test("P&L: partitioned P&L plus the ledger's realized figure, two requests")
    func pnl() async throws {
        let harness = try Self.harness()
        let pnl = try await harness.broker.profitAndLoss()
        #expect(pnl.accountID == Harness.account)
        #expect(pnl.daily != nil)
        #expect(pnl.unrealized != nil)
        #expect(pnl.realized != nil)
        #expect(pnl.netLiquidation.map { $0 > 0 } == true)
        #expect(harness.sent("GET", "/iserver/account/pnl/partitioned") == 1)
        #expect(harness.sent("GET", "/portfolio/\(Harness.account)/ledger") == 1)
    }
}
