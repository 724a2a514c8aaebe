import Foundation
import GatewayTwin
import HTTPCore
import Testing
import TradingDomain

@testable import IBKRAdapter

/// Reads cannot starve orders (issue 11, item 8): every request queues at the adapter's gate before IBKR's pacing
/// books its slot, and an order (with the reads it needs first) goes before queued reads. No timing: the test
/// counts what reached the gateway, and in which order.
@Suite("Orders go before queued reads")
struct OrderPriorityTests {
    @Test("a buy issued after 300 queued quote reads is sent before them")
    func buyOvertakesQueuedReads() async throws {
        let twin = GatewayTwin()
        let clock = AdapterClock(now: { twin.now }, sleep: { duration in twin.advance(by: duration) })
        let snapshot = "GET /iserver/marketdata/snapshot"
        let holding = HoldingTransport(base: twin, holding: snapshot)
        let logging = LoggingTransport(base: holding)
        let broker = IBKRBroker(transport: logging, accountID: try AccountID("DU1234567"), clock: clock)
        let aapl = try Symbol("AAPL")

        // The first quote holds the gateway (its snapshot is held in flight), so the next 300 queue up.
        let first = Task { try await broker.quote(for: aapl) }
        await holding.arrival()
        let reads = (0..<300).map { _ in Task { try? await broker.quote(for: aapl) } }
        while await broker.gate.waiting < 300 { await Task.yield() }

        let order = try OrderRequest(symbol: aapl, side: .buy, size: .quantity(1), type: .limit(100))
        let buy = Task { try await broker.place(order, clientOrderID: try ClientOrderID("priority-1")) }
        while await broker.gate.waiting < 301 { await Task.yield() }
        holding.release()

        _ = try await first.value
        let ack = try await buy.value
        for read in reads { _ = await read.value }
        #expect(ack.orderID.value.isEmpty == false)
        let log = logging.log
        let post = try #require(log.firstIndex { $0.hasPrefix("POST /iserver/account/") && $0.hasSuffix("/orders") })
        // Before the order POST: the snapshot in flight when the buy arrived, and at most one read that slipped in
        // between the order's own requests (its contract rules, then the POST). The rest of the 300 went after.
        let before = log[..<post].filter { $0 == snapshot }.count
        #expect(before <= 2)
        #expect(log[post...].filter { $0 == snapshot }.count >= 301 - before)
    }
}
