import Foundation
import Testing

@testable import GatewayTwin

/// Twin behaviours fixed against outside evidence (cpapi.md sections and captures named in each test), with
/// the twin's realistic defaults (`realistic: true`).
@Suite("Twin fidelity to IBKR's documented and captured behaviour")
struct FidelityTests {
    typealias H = TwinHarness

    static func realistic(seed: UInt64 = 1) -> TwinHarness {
        TwinHarness(TwinConfiguration(seed: seed, questionVariants: .classic), realistic: true)
    }

    @Test("trades: net_amount is size × price, the commission apart (cpapi.md §6.11, REC-A 56 × 177.37 = 9932.72)")
    func netAmount() throws {
        let harness = Self.realistic()
        _ = try #require(harness.placeOne(H.order("BUY", "MKT", quantity: 7)))
        let row = try #require(harness.get("/iserver/account/trades").json[0])
        let size = try #require(row["size"]?.decimalValue)
        let price = try #require(row["price"]?.stringValue.flatMap { Decimal(string: $0) })
        let commission = try #require(row["commission"]?.stringValue.flatMap { Decimal(string: $0) })
        #expect(commission > 0)
        #expect(row["net_amount"]?.decimalValue == size * price)
    }

    @Test("order status answers only for the current brokerage session: 503 after a new login (cpapi.md §6.10)")
    func statusOfEarlierSession() throws {
        let harness = Self.realistic()
        let orderId = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)])))
        #expect(harness.get("/iserver/account/order/status/\(orderId)").status == 200)
        harness.twin.dropBrokerageSession()
        _ = harness.post("/iserver/auth/ssodh/init", .object(["publish": .bool(true)]))
        harness.twin.advance(seconds: 2)
        _ = harness.get("/iserver/accounts")
        #expect(harness.get("/iserver/account/order/status/\(orderId)").status == 503)
        #expect(harness.liveOrders().contains { $0["orderId"] == .int(orderId) })
    }

    @Test("positions stay cached until POST positions/invalidate (cpapi.md §3.6)")
    func positionsCache() throws {
        let harness = Self.realistic()
        #expect(harness.get("/portfolio/DU1234567/positions/0").json == .array([]))
        _ = try #require(harness.placeOne(H.order("BUY", "MKT", quantity: 3)))
        harness.twin.advance(seconds: 60)
        #expect(harness.get("/portfolio/DU1234567/positions/0").json == .array([]))
        #expect(harness.post("/portfolio/DU1234567/positions/invalidate").status == 200)
        #expect(harness.get("/portfolio/DU1234567/positions/0").json[0]?["position"]?.decimalValue == 3)
    }

    @Test("a paper account acks and lists working orders as PreSubmitted, ccp status Submitted (cpapi.md §6.9, §6.12)")
    func preSubmitted() throws {
        let harness = Self.realistic()
        let ack = harness.place([.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)]))])
        #expect(ack.json[0]?["order_status"] == .string("PreSubmitted"))
        let row = try #require(harness.liveOrders().first)
        #expect(row["status"] == .string("PreSubmitted"))
        #expect(row["order_ccp_status"] == .string("Submitted"))
    }

    @Test(
        "the nightly reset either drops the brokerage session or leaves it authenticated but unprimed (cpapi.md §2.2)")
    func nightlyResetVariants() {
        var outcomes: Set<String> = []
        for seed in UInt64(1)...8 {
            // 2026-01-07 00:50 New York, then past the 01:00 reset, tickling so the session stays alive.
            let harness = TwinHarness(
                TwinConfiguration(seed: seed), start: Date(timeIntervalSince1970: 1_767_765_000), realistic: true)
            for _ in 0..<3 {
                harness.twin.advance(seconds: 300)
                _ = harness.post("/tickle")
            }
            let status = harness.post("/iserver/auth/status").json
            let orders = harness.get("/iserver/account/orders")
            if status["authenticated"] == .bool(true) {
                #expect(orders.status == 500)
                #expect(orders.json["error"] == .string("Please query /accounts first"))
                outcomes.insert("unprimed")
            } else {
                #expect(orders.status == 400)
                outcomes.insert("dropped")
            }
        }
        #expect(outcomes == ["unprimed", "dropped"])
    }

    @Test("/portfolio/{acct}/* needs /portfolio/accounts first in the session (cpapi.md §3.3)")
    func portfolioAccountsFirst() {
        let harness = TwinHarness(TwinConfiguration(), primed: false, realistic: true)
        #expect(harness.get("/portfolio/DU1234567/summary").status == 500)
        #expect(harness.get("/portfolio/accounts").status == 200)
        #expect(harness.get("/portfolio/DU1234567/summary").status == 200)
    }

    @Test("a fresh brokerage session is authenticated before it is established (cpapi.md §2.3, ibeam #281)")
    func established() {
        let harness = Self.realistic()
        #expect(harness.post("/iserver/auth/status").json["established"] == .bool(true))
        harness.twin.dropBrokerageSession()
        _ = harness.post("/iserver/auth/ssodh/init", .object(["publish": .bool(true)]))
        let early = harness.post("/iserver/auth/status").json
        #expect(early["authenticated"] == .bool(true))
        #expect(early["established"] == .bool(false))
        harness.twin.advance(seconds: 1)
        #expect(harness.post("/iserver/auth/status").json["established"] == .bool(true))
    }

    @Test("logged out, auth status is 200 authenticated:false connected:false; tickle is 401 (cpapi.md §2.3, §10)")
    func loggedOutStatus() {
        let harness = Self.realistic()
        harness.twin.logOut()
        let status = harness.post("/iserver/auth/status")
        #expect(status.status == 200)
        #expect(status.json["authenticated"] == .bool(false))
        #expect(status.json["connected"] == .bool(false))
        #expect(harness.post("/tickle").status == 401)
    }

    @Test("a tickle kills a pending reply id only sometimes (ibind); any other request always (cpapi.md §6.3)")
    func tickleAndReplyIDs() throws {
        var survived = 0
        let seeds = UInt64(1)...10
        for seed in seeds {
            let harness = Self.realistic(seed: seed)
            let order = TwinJSON.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)]))
            let asked = harness.place([order], confirm: false)
            let replyId = try #require(asked.json[0]?["id"]?.stringValue)
            _ = harness.post("/tickle")
            let answer = harness.post("/iserver/reply/\(replyId)", .object(["confirmed": .bool(true)]))
            if answer.status == 200 { survived += 1 }
            let again = harness.place([order], confirm: false)
            let secondId = try #require(again.json[0]?["id"]?.stringValue)
            _ = harness.get("/iserver/account/orders")
            #expect(harness.post("/iserver/reply/\(secondId)", .object(["confirmed": .bool(true)])).status == 400)
        }
        #expect(survived > 0 && survived < seeds.count)
    }

    @Test("2026-11-27 closes at 13:00 (NYSE early close): a market order at 13:05 waits for the next open")
    func earlyClose() throws {
        // 13:05 New York on the day after Thanksgiving 2026.
        let harness = TwinHarness(start: Date(timeIntervalSince1970: 1_795_802_700))
        let orderId = try #require(harness.placeOne(H.order("BUY", "MKT", quantity: 1)))
        #expect(harness.status(orderId)["order_status"] == .string("PreSubmitted"))
        #expect(harness.twin.position(conid: 265598).quantity == 0)
    }
}
