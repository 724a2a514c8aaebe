import Foundation
import Testing

@testable import valet

@Suite("Bench active book plan")
struct BenchActiveBookPlanTests {
    static let instruments = [
        ActiveBookPlan.Instrument(conid: 265598, priceCents: 19_000),
        ActiveBookPlan.Instrument(conid: 8894, priceCents: 6_000),
    ]

    @Test("cents print as exact decimal text", arguments: [(19_000, "190.00"), (18_801, "188.01"), (99, "0.99")])
    func text(cents: Int, expected: String) {
        #expect(ActiveBookPlan.text(cents: cents) == expected)
    }

    @Test("placements rest ten orders per block per instrument, singles in requests of at most forty")
    func restingCount() {
        var plan = ActiveBookPlan(instruments: Self.instruments)
        let placements = plan.placements(blocks: 100)
        #expect(placements.map(\.resting).reduce(0, +) == 2_000)
        #expect(placements.filter { $0.orders.count == 3 && $0.resting == 2 }.count == 200)
        #expect(placements.allSatisfy { $0.orders.count <= ActiveBookPlan.batchSize })
    }

    /// Every priced order rests within reach of the price it was placed around, on the side the walk reaches it
    /// from: buy limits and sell stops below, sell limits and buy stops above.
    @Test("orders rest within reach of the current price, on the side the price reaches them from")
    func withinReach() throws {
        var plan = ActiveBookPlan(instruments: Self.instruments)
        let now = [265598: 18_950, 8894: 6_010]
        for placement in plan.placements(blocks: 30, prices: now) {
            for order in placement.orders {
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(order.utf8)) as? [String: Any])
                let conid = try #require(object["conid"] as? Int)
                let side = try #require(object["side"] as? String)
                let type = try #require(object["orderType"] as? String)
                guard let price = object["price"] as? Double else {
                    #expect(type == "MKT" || type == "TRAIL")
                    continue
                }
                let distance = Int((price * 100).rounded()) - (now[conid] ?? 0)
                let below = (side == "BUY") == (type == "LMT")
                let reach = ActiveBookPlan.reach(cents: now[conid] ?? 0)
                #expect(below ? (-reach)...(-1) ~= distance : 1...reach ~= distance)
            }
        }
    }

    @Test("the same seed gives the same book, another seed another; trailing stops can be left out")
    func deterministic() {
        var first = ActiveBookPlan(instruments: Self.instruments, seed: 7)
        var second = ActiveBookPlan(instruments: Self.instruments, seed: 7)
        var other = ActiveBookPlan(instruments: Self.instruments, seed: 8)
        let book = first.placements(blocks: 5)
        #expect(book == second.placements(blocks: 5))
        #expect(book != other.placements(blocks: 5))
        #expect(book.flatMap(\.orders).contains { $0.contains(#""orderType":"TRAIL""#) })
        var plain = ActiveBookPlan(instruments: Self.instruments)
        plain.includeTrailing = false
        #expect(!plain.placements(blocks: 5).flatMap(\.orders).contains { $0.contains("TRAIL") })
    }

    @Test("the walk is deterministic, round robin, one cent a step and stays within 1% of each start")
    func walk() {
        let plan = ActiveBookPlan(instruments: Self.instruments)
        let walk = plan.walk(count: 20_000)
        #expect(walk.map(\.cents) == plan.walk(count: 20_000).map(\.cents))
        #expect(walk.count == 20_000)
        #expect(walk[0].conid == 265598 && walk[1].conid == 8894)
        for (index, step) in walk.enumerated() {
            let start = Self.instruments[index % 2].priceCents
            #expect(abs(step.cents - start) <= start / 100)
        }
        #expect(abs(walk[2].cents - walk[0].cents) == 1)
    }
}
