import Foundation
import Testing

@testable import GatewayTwin

/// The twin's self-check (`GatewayTwin.selfCheck`, run by the swarm after every step) stays silent on a busy,
/// consistent book and names each kind of drift planted into the engine's bookkeeping.
@Suite("Twin self-check and engine counters")
struct SelfCheckTests {
    typealias H = TwinHarness

    /// Limits, stops, a trailing stop and a bracket, some triggered and filled by a price walk.
    static func busyTwin() -> TwinHarness {
        let harness = TwinHarness()
        _ = harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(dec("189.50"))]))
        _ = harness.placeOne(H.order("SELL", "LMT", quantity: 1, extra: ["price": .float(dec("190.40"))]))
        _ = harness.placeOne(H.order("SELL", "STP", quantity: 1, extra: ["price": .float(dec("189.80"))]))
        _ = harness.placeOne(H.order("BUY", "STP", quantity: 1, extra: ["price": .float(dec("190.60"))]))
        _ = harness.placeOne(
            H.order(
                "SELL", "TRAIL", quantity: 1,
                extra: ["trailingAmt": .float(dec("0.30")), "trailingType": .string("amt")]))
        _ = harness.place([
            .object(H.order("BUY", "MKT", quantity: 2, extra: ["cOID": .string("parent-1")])),
            .object(
                H.order(
                    "SELL", "LMT", quantity: 2,
                    extra: ["price": .float(dec("191.00")), "parentId": .string("parent-1")])),
            .object(
                H.order(
                    "SELL", "STP", quantity: 2,
                    extra: ["price": .float(dec("189.00")), "parentId": .string("parent-1")])),
        ])
        return harness
    }

    @Test("a consistent book reports nothing before, during and after a walk that triggers and fills")
    func consistent() {
        let harness = Self.busyTwin()
        #expect(harness.twin.selfCheck().isEmpty)
        for cents in [19_020, 19_050, 19_070, 19_030, 18_990, 18_960, 18_900, 19_000] {
            harness.twin.setPrice(conid: 265598, last: Decimal(cents) / 100)
            #expect(harness.twin.selfCheck() == [], "after a move to \(cents) cents")
        }
    }

    @Test("a working order missing from the engine is named")
    func missingOrder() throws {
        let harness = Self.busyTwin()
        let orderId = try #require(
            harness.twin.withCore { core in core.orders.values.filter(\.isWorking).map(\.orderId).min() })
        harness.twin.withCore { core in _ = core.resting.remove(orderId: orderId) }
        #expect(harness.twin.selfCheck().contains("working order \(orderId) is not in the matching engine"))
    }

    @Test("a finished order still resting is named")
    func finishedStillResting() throws {
        let harness = Self.busyTwin()
        let orderId = try #require(
            harness.twin.withCore { core in core.orders.values.filter(\.isWorking).map(\.orderId).min() })
        harness.twin.withCore { core in
            guard let order = core.orders[orderId], let placement = core.resting.placement(of: orderId) else { return }
            order.terminal = .cancelled
            core.resting.insert(orderId: orderId, conid: placement.conid, lane: placement.lane, slot: placement.slot)
        }
        #expect(harness.twin.selfCheck().contains("order \(orderId) rests although it is not working"))
    }

    @Test("an order resting under another instrument is named")
    func wrongInstrument() throws {
        let harness = Self.busyTwin()
        let orderId = try #require(
            harness.twin.withCore { core in core.orders.values.filter(\.isWorking).map(\.orderId).min() })
        harness.twin.withCore { core in
            guard let placement = core.resting.placement(of: orderId) else { return }
            core.resting.insert(orderId: orderId, conid: 8894, lane: placement.lane, slot: placement.slot)
        }
        #expect(harness.twin.selfCheck().contains("order \(orderId) rests under conid 8894, not 265598"))
    }

    @Test("the engine counts updates, the updates that triggered, triggers and fills where they happen")
    func counters() {
        let harness = TwinHarness()
        _ = harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(dec("189.50"))]))
        _ = harness.placeOne(H.order("SELL", "STP", quantity: 1, extra: ["price": .float(dec("189.80"))]))
        let before = harness.twin.engineCounters
        let applied = harness.twin.apply([
            TwinTick(conid: 265598, last: dec("190.10")),
            TwinTick(conid: 265598, last: dec("189.70")),
            TwinTick(conid: 265598, last: dec("189.60")),
            TwinTick(conid: 265598, last: dec("189.30")),
        ])
        var delta = TwinEngineCounters()
        delta.add(harness.twin.engineCounters, since: before)
        #expect(applied == 4)
        #expect(delta.updates == 4)
        // 189.70 fires the sell stop (trigger and fill); 189.30 brings the ask to the buy limit (trigger and fill).
        #expect(delta.triggers == 2)
        #expect(delta.fills == 2)
        #expect(delta.triggeringUpdates == 2)
    }
}
