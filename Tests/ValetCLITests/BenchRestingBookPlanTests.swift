import Foundation
import Testing

@testable import valet

@Suite("Bench resting book plan")
struct BenchRestingBookPlanTests {
    static let instruments = [
        RestingBookPlan.Instrument(conid: 265598, priceCents: 19_000),
        RestingBookPlan.Instrument(conid: 8894, priceCents: 6_000),
    ]

    @Test(
        "prices move by whole percents and keep two decimals",
        arguments: [
            (19_000, -5, "180.50"), (19_000, 5, "199.50"), (6_000, -20, "48.00"), (17_737, 6, "188.01"),
            (105, -5, "0.99"),
        ])
    func price(cents: Int, percent: Int, expected: String) {
        #expect(RestingBookPlan.price(cents, percent: percent) == expected)
    }

    @Test("placements rest exactly the planned number of orders per instrument")
    func restingCount() {
        let plan = RestingBookPlan(instruments: Self.instruments, ordersPerInstrument: 1_000)
        let placements = plan.placements()
        #expect(placements.map(\.resting).reduce(0, +) == 2_000)
        let brackets = placements.filter { $0.orders.count == 3 && $0.resting == 2 }
        #expect(brackets.count == 200)
        #expect(placements.allSatisfy { $0.orders.count <= 40 })
    }

    @Test("every order body is JSON the twin can read, and trailing stops can be left out")
    func bodies() throws {
        var plan = RestingBookPlan(instruments: Self.instruments, ordersPerInstrument: 20)
        for placement in plan.placements() {
            let object = try #require(try JSONSerialization.jsonObject(with: placement.body) as? [String: Any])
            #expect((object["orders"] as? [Any])?.count == placement.orders.count)
        }
        #expect(plan.placements().flatMap(\.orders).contains { $0.contains(#""orderType":"TRAIL""#) })
        plan.includeTrailing = false
        #expect(!plan.placements().flatMap(\.orders).contains { $0.contains("TRAIL") })
        #expect(plan.placements().map(\.resting).reduce(0, +) == 40)
    }

    @Test("the walk is deterministic, round robin, one cent a step and stays within 1% of each start")
    func walk() {
        let plan = RestingBookPlan(instruments: Self.instruments, ordersPerInstrument: 10)
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
