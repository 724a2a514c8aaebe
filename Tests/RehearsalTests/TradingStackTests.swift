import Foundation
import GatewayTwin
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain
import TradingSafety

@testable import Rehearsal

/// The real adapter and guards against the twin: two independent models of IBKR's wire must agree.
@Suite("Trading stack on the twin")
struct TradingStackTests {
    static func makeStack(dryRun: Bool) throws -> (GatewayTwin, TradingStack) {
        let twin = GatewayTwin()
        let clock = AdapterClock(now: { twin.now }, sleep: { duration in twin.advance(by: duration) })
        let policy = SafetyPolicy(
            dryRun: dryRun,
            expectedAccount: try AccountID("DU1234567"),
            maxOrderValue: 1000
        )
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "valet-stack-\(ProcessInfo.processInfo.processIdentifier)-\(dryRun)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stack = try TradingStack.make(
            transport: twin,
            accountID: try AccountID("DU1234567"),
            policy: policy,
            journalURL: directory.appendingPathComponent("trades.jsonl"),
            clock: clock,
            clientOrderIDPrefix: "test"
        )
        return (twin, stack)
    }

    @Test("a $50 market buy of AAPL fills fractionally on the twin")
    func dollarBuy() async throws {
        let (twin, stack) = try Self.makeStack(dryRun: false)
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .cash(50), type: .market)
        let result = try await stack.guarded.place(order)
        #expect(result.disposition == .sent)
        let orderID = try #require(result.acks.first?.orderID)
        twin.advance(by: .seconds(1))
        let status = try await stack.guarded.orderStatus(orderID)
        #expect(status.status == .filled)
        let held = twin.position(conid: 265598).quantity
        #expect(held > 0 && held < 1)
        let positions = try await stack.guarded.positions()
        #expect(positions.first { $0.symbol.value == "AAPL" }?.quantity == held)
    }

    @Test("dry run sends nothing to the twin")
    func dryRun() async throws {
        let (twin, stack) = try Self.makeStack(dryRun: true)
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(1), type: .market)
        let result = try await stack.guarded.place(order)
        #expect(result.disposition == .dryRun)
        #expect(twin.workingOrderCount == 0)
        #expect(twin.position(conid: 265598).quantity == 0)
    }

    @Test("a quote comes through the snapshot warm-up")
    func quote() async throws {
        let (_, stack) = try Self.makeStack(dryRun: true)
        let quote = try await stack.guarded.quote(for: try Symbol("AAPL"))
        #expect(quote.last != nil)
        #expect(quote.bid != nil && quote.ask != nil)
    }
}
