import Foundation
import HTTPCore
import Testing

@testable import GatewayTwin

@Suite("Twin 503 without processing")
struct UnavailableFaultTests {
    typealias H = TwinHarness

    @Test("503 before processing: IBKR's 'Details currently unavailable' body, and no order lands")
    func unavailableNothingLands() {
        let plan = FaultPlan(rules: [
            FaultRule(method: "POST", pathPrefix: "/iserver/account/", fault: .serviceUnavailable, limit: 1)
        ])
        let harness = TwinHarness(TwinConfiguration(faults: plan, questionVariants: .classic))
        let answer = harness.place([.object(H.order("BUY", "MKT", quantity: 1, extra: ["cOID": .string("lost")]))])
        #expect(answer.status == 503)
        #expect(answer.text.contains("Details currently unavailable"))
        #expect(harness.twin.orders().isEmpty)
        #expect(!harness.liveOrders().contains { $0["order_ref"] == .string("lost") })
    }
}
