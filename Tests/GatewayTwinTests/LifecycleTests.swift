import Foundation
import HTTPCore
import Testing

@testable import GatewayTwin

@Suite("Twin lifecycle: modify questions, cOID window, gateway down, extra questions")
struct LifecycleTests {
    typealias H = TwinHarness

    @Test("a modify far from the market asks o163 first and applies only after the reply")
    func modifyAsks() throws {
        let harness = TwinHarness()
        let orderId = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)])))
        let asked = harness.post(
            "/iserver/account/DU1234567/order/\(orderId)",
            .object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)])))
        let replyId = try #require(asked.json[0]?["id"]?.stringValue)
        #expect(harness.status(orderId)["limit_price"] == .string("189.00"))
        let unchanged = harness.post(
            "/iserver/account/DU1234567/order/\(orderId)",
            .object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)])))
        let secondId = try #require(unchanged.json[0]?["id"]?.stringValue)
        #expect(secondId != replyId)
        let done = harness.post("/iserver/reply/\(secondId)", .object(["confirmed": .bool(true)]))
        #expect(done.json[0]?["order_id"] == .string(String(orderId)))
        #expect(harness.status(orderId)["limit_price"] == .string("150.00"))
    }

    @Test("a cOID is free again after 24 hours")
    func cOIDWindow() {
        let harness = TwinHarness()
        let order = H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189), "cOID": .string("daily")])
        #expect(harness.placeOne(order) != nil)
        harness.twin.advance(seconds: 86400)
        harness.twin.login()
        _ = harness.get("/iserver/accounts")
        #expect(harness.placeOne(order) != nil)
    }

    @Test("a stopped gateway refuses connections and needs a login after the restart")
    func gatewayDown() async {
        let twin = GatewayTwin()
        twin.setGatewayDown(true)
        let error = await #expect(throws: TransportError.self) {
            try await twin.send(HTTPRequest(method: "POST", path: "/tickle"))
        }
        #expect(error?.code == .connectionRefused)
        #expect(twin.handle(HTTPRequest(method: "POST", path: "/tickle")).status == 502)
        twin.setGatewayDown(false)
        #expect(twin.handle(HTTPRequest(method: "POST", path: "/tickle")).status == 401)
        twin.login()
        #expect(twin.handle(HTTPRequest(method: "POST", path: "/tickle")).status == 200)
    }

    @Test("configured extra questions are asked for their order types")
    func additionalQuestions() {
        let rule = TwinQuestionRule(
            id: "o10151", message: "Market orders carry risk.\nAre you sure you want to submit this order?",
            orderTypes: ["MKT"])
        let harness = TwinHarness(TwinConfiguration(additionalQuestions: [rule], questionVariants: .classic))
        let asked = harness.place([.object(H.order("BUY", "MKT", quantity: 1))], confirm: false)
        #expect(asked.json[0]?["messageIds"] == .array([.string("o10151")]))
        let limit = harness.place(
            [.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)]))], confirm: false)
        #expect(limit.json[0]?["order_id"] != nil)
    }
}

@Suite("Twin delayed cancels")
struct DelayedCancelTests {
    typealias H = TwinHarness

    @Test("a cancel shows PendingCancel, can lose the race to a fill, else ends Cancelled")
    func pendingCancel() throws {
        let harness = TwinHarness(TwinConfiguration(cancelDelaySeconds: 2))
        let raced = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)])))
        let calm = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(188)])))
        _ = harness.send("DELETE", "/iserver/account/DU1234567/order/\(raced)")
        _ = harness.send("DELETE", "/iserver/account/DU1234567/order/\(calm)")
        #expect(harness.status(raced)["order_status"] == .string("PendingCancel"))
        harness.twin.setPrice(conid: 265598, last: dec("188.95"))
        #expect(harness.status(raced)["order_status"] == .string("Filled"))
        harness.twin.advance(seconds: 2)
        #expect(harness.status(calm)["order_status"] == .string("Cancelled"))
    }
}
