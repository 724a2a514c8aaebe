import Foundation
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// The market-data part of the adapter contract, run against every backend.
@Suite("IBKRBroker contract: market data")
struct MarketDataContractTests {
    @Test(
        "warm-up: the pre-flight row is followed by a paced retry that brings prices",
        arguments: AdapterBackend.all(for: "quote-warmup"))
    func warmUp(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "quote-warmup")
        let quote = try await harness.broker.quote(for: try Symbol("AAPL"))
        #expect(quote.contractID == ContractID(265598))
        #expect(quote.last == decimal("173.96"))
        #expect(quote.lastSource == .trade)
        #expect(quote.bid == decimal("173.95"))
        #expect(quote.ask == decimal("173.96"))
        #expect(quote.timestamp == Date(timeIntervalSince1970: 1_694_639_699.133))
        #expect(harness.sent("GET", "/iserver/marketdata/snapshot") == 2)
        #expect(harness.clock.sleeps.contains(.milliseconds(250)))
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test("C prefix, thousands separators and empty values", arguments: AdapterBackend.all(for: "quote-prior-close"))
    func valueQuirks(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "quote-prior-close")
        let quote = try await harness.broker.quote(for: try Symbol("AAPL"))
        #expect(quote.last == decimal("1195.50"))
        #expect(quote.lastSource == .priorClose)
        #expect(quote.bid == decimal("1195.40"))
        #expect(quote.ask == nil)
    }

    @Test(
        "warm-up is bounded: after the attempts the quote has no price, it does not loop",
        arguments: AdapterBackend.all(for: "quote-no-data"))
    func warmUpBounded(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "quote-no-data")
        let quote = try await harness.broker.quote(for: try Symbol("AAPL"))
        #expect(quote.hasNoPrice)
        #expect(harness.sent("GET", "/iserver/marketdata/snapshot") == 3)
        // Each pause doubles the one before: a stream slow to start gets more patience, a quick one costs little.
        #expect(harness.clock.sleeps.filter { $0 >= .milliseconds(250) } == [.milliseconds(250), .milliseconds(500)])
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "batched quotes: one snapshot request for all conids; unknown symbols are failures",
        arguments: AdapterBackend.all(for: "quotes-batch"))
    func batch(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "quotes-batch")
        let symbols = try ["AAPL", "IBM", "ZZZZ"].map { try Symbol($0) }
        let batch = try await harness.broker.quotes(for: symbols)
        #expect(batch.quotes.map(\.symbol.value) == ["AAPL", "IBM"])
        #expect(batch.quotes.map(\.last) == [decimal("204.85"), decimal("270.00")])
        #expect(batch.failures[try Symbol("ZZZZ")]?.code == .contractNotFound)
        #expect(harness.sent("GET", "/iserver/marketdata/snapshot") == 2)
        // One lookup for every uncached symbol: each request spends IBKR's pacing.
        #expect(harness.sent("GET", "/trsrv/stocks") == 1)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "secdef/search is used when /trsrv/stocks finds nothing; the US listing wins",
        arguments: AdapterBackend.all(for: "conid-secdef-fallback"))
    func secdefFallback(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "conid-secdef-fallback")
        let conid = try await harness.broker.contractID(for: try Symbol("IBKR"))
        #expect(conid == ContractID(43_645_865))
        // Cached: a second lookup sends nothing.
        let count = harness.logging.log.count
        _ = try await harness.broker.contractID(for: try Symbol("IBKR"))
        #expect(harness.logging.log.count == count)
        #expect(harness.scenario.unplayed().isEmpty)
    }
}
