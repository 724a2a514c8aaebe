import Foundation
import HTTPCore
import Testing

@testable import GatewayTwin

@Suite("Twin faults and determinism")
struct FaultAndDeterminismTests {
    typealias H = TwinHarness

    @Test("503 after the order landed: the order is visible by its cOID")
    func unavailableAfterLanding() {
        let plan = FaultPlan(rules: [
            FaultRule(
                method: "POST", pathPrefix: "/iserver/account/", fault: .serviceUnavailableAfterProcessing, limit: 1)
        ])
        let harness = TwinHarness(TwinConfiguration(faults: plan, questionVariants: .classic))
        let answer = harness.place([.object(H.order("BUY", "MKT", quantity: 1, extra: ["cOID": .string("landed")]))])
        #expect(answer.status == 503)
        #expect(harness.liveOrders().contains { $0["order_ref"] == .string("landed") })
    }

    @Test("429 opens a penalty box for every endpoint until it expires")
    func penaltyBox() {
        let plan = FaultPlan(rules: [
            FaultRule(pathPrefix: "/tickle", fault: .rateLimited(penaltySeconds: 60), limit: 1)
        ])
        let harness = TwinHarness(TwinConfiguration(faults: plan, questionVariants: .classic))
        #expect(harness.post("/tickle").status == 429)
        #expect(harness.get("/iserver/accounts").status == 429)
        harness.twin.advance(seconds: 61)
        #expect(harness.get("/iserver/accounts").status == 200)
    }

    @Test("a timeout fault throws from the in-process transport and answers 504 on the loopback entry")
    func timeout() async {
        let plan = FaultPlan(rules: [FaultRule(pathPrefix: "/tickle", fault: .timeout, limit: 2)])
        let twin = GatewayTwin(configuration: TwinConfiguration(faults: plan, questionVariants: .classic))
        let error = await #expect(throws: TransportError.self) {
            try await twin.send(HTTPRequest(method: "POST", path: "/tickle"))
        }
        #expect(error?.code == .timedOut)
        #expect(twin.handle(HTTPRequest(method: "POST", path: "/tickle")).status == 504)
        #expect(twin.handle(HTTPRequest(method: "POST", path: "/tickle")).status == 200)
    }

    @Test("latency moves the clock; competing and expiry faults change the session; 500 is plain")
    func sessionFaults() {
        let plan = FaultPlan(rules: [
            FaultRule(pathPrefix: "/iserver/auth/status", fault: .latency(seconds: 5), limit: 1),
            FaultRule(pathPrefix: "/sso/validate", fault: .competingSession, limit: 1),
            FaultRule(pathPrefix: "/iserver/accounts", fault: .internalServerError, skipFirst: 1, limit: 1),
            // The harness's own /portfolio/accounts call passes first.
            FaultRule(pathPrefix: "/portfolio/accounts", fault: .sessionExpiry, skipFirst: 1, limit: 1),
        ])
        let harness = TwinHarness(TwinConfiguration(faults: plan, questionVariants: .classic))
        let before = harness.twin.now
        _ = harness.post("/iserver/auth/status")
        #expect(harness.twin.now == before.addingTimeInterval(5))
        #expect(harness.get("/iserver/accounts").status == 500)
        _ = harness.get("/sso/validate")
        #expect(harness.post("/iserver/auth/status").json["competing"] == .bool(true))
        _ = harness.get("/portfolio/accounts")
        #expect(harness.post("/iserver/auth/status").json["authenticated"] == .bool(false))
    }

    /// A fixed script touching sessions, questions, orders, fills and the random walk.
    static func transcript(seed: UInt64) -> String {
        let plan = FaultPlan(rules: [FaultRule(pathPrefix: "/tickle", fault: .internalServerError, probability: 0.3)])
        let harness = TwinHarness(
            TwinConfiguration(seed: seed, randomWalkInterval: 1, faults: plan, questionVariants: .classic),
            primed: false)
        var lines: [String] = []
        func log(_ answer: TwinHarness.Answer) { lines.append("\(answer.status) \(answer.text)") }
        log(harness.post("/tickle"))
        log(harness.get("/iserver/accounts"))
        log(harness.get("/iserver/marketdata/snapshot", ["conids": "265598,756733", "fields": "31,84,86"]))
        for step in 0..<5 {
            harness.twin.advance(seconds: 30)
            log(harness.post("/tickle"))
            log(harness.get("/iserver/marketdata/snapshot", ["conids": "265598,756733"]))
            log(
                harness.post(
                    "/iserver/account/DU1234567/orders",
                    .object([
                        "orders": .array([
                            .object(H.order("BUY", "LMT", quantity: 5, extra: ["price": .float(150 + Decimal(step))]))
                        ])
                    ])))
        }
        log(harness.place([.object(H.order("BUY", "MKT", extra: ["cashQty": .float(2500)]))]))
        log(harness.get("/iserver/account/orders"))
        log(harness.get("/iserver/account/orders"))
        log(harness.get("/iserver/account/trades"))
        log(harness.get("/portfolio/accounts"))
        log(harness.get("/portfolio/DU1234567/ledger"))
        log(harness.place(BracketAndOrderControlTests.bracket()))
        harness.twin.advance(seconds: 300)
        log(harness.post("/tickle"))
        log(harness.get("/iserver/account/orders"))
        log(harness.get("/portfolio/DU1234567/summary"))
        log(harness.get("/portfolio/DU1234567/positions/0"))
        log(harness.get("/iserver/marketdata/history", ["conid": "756733", "bar": "1h", "period": "1d"]))
        log(
            harness.post(
                "/iserver/account/DU1234567/orders/whatif",
                .object(["orders": .array([.object(H.order("SELL", "MKT", quantity: 7, conid: 756733))])])))
        return lines.joined(separator: "\n")
    }

    @Test("same seed, same inputs: byte-identical answers; another seed differs")
    func determinism() {
        let first = Self.transcript(seed: 7)
        #expect(first == Self.transcript(seed: 7))
        #expect(first != Self.transcript(seed: 8))
        #expect(first.contains("\"messageIds\":[\"o163\"]"))
    }
}

@Suite("Twin inactive orders")
struct InactiveOrderTests {
    @Test("the orderInactive fault acknowledges the order, which then shows Inactive and never fills")
    func inactive() throws {
        let plan = FaultPlan(rules: [
            FaultRule(method: "POST", pathPrefix: "/iserver/account/", fault: .orderInactive, limit: 1)
        ])
        let harness = TwinHarness(TwinConfiguration(faults: plan, questionVariants: .classic))
        let orderId = try #require(harness.placeOne(TwinHarness.order("BUY", "MKT", quantity: 1)))
        #expect(harness.status(orderId)["order_status"] == .string("Inactive"))
        #expect(harness.twin.position(conid: 265598).quantity == 0)
        let next = try #require(harness.placeOne(TwinHarness.order("BUY", "MKT", quantity: 1)))
        #expect(harness.status(next)["order_status"] == .string("Filled"))
    }
}
