import Foundation
import Testing

@testable import GatewayTwin

@Suite("Twin confirmation questions")
struct QuestionTests {
    typealias H = TwinHarness

    @Test(
        "each rule asks its question id",
        arguments: [
            ("o163", H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)])),
            ("o10152", H.order("SELL", "STP", quantity: 1, extra: ["price": .float(150)])),
            ("o383", H.order("BUY", "MKT", quantity: 600)),
            (
                "o451",
                H.order("BUY", "LMT", quantity: 499, extra: ["price": .float(dec("250.00")), "conid": .int(756733)])
            ),
        ])
    func asks(id: String, order: [String: TwinJSON]) {
        let harness = TwinHarness()
        var seen: [String] = []
        var answer = harness.post("/iserver/account/DU1234567/orders", .object(["orders": .array([.object(order)])]))
        while let replyId = answer.json[0]?["id"]?.stringValue {
            #expect(answer.json[0]?["isSuppressed"] == .bool(false))
            seen += (answer.json[0]?["messageIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            answer = harness.post("/iserver/reply/\(replyId)", .object(["confirmed": .bool(true)]))
        }
        #expect(seen.contains(id))
        #expect(answer.json[0]?["order_id"] != nil)
    }

    @Test("o163 uses IBKR's wording")
    func wording() {
        let harness = TwinHarness()
        let answer = harness.place(
            [.object(H.order("BUY", "LMT", quantity: 100, extra: ["price": .float(165)]))], confirm: false)
        #expect(
            answer.json[0]?["message"]?[0]
                == .string(
                    "The following order \"BUY 100 AAPL NASDAQ.NMS @ 165.0\" price exceeds \nthe Percentage constraint "
                        + "of 3%.\nAre you sure you want to submit this order?"))
    }

    @Test("a reply id dies at the next other request: 400 reply id not found")
    func replyIdExpiry() throws {
        let harness = TwinHarness()
        let answer = harness.place(
            [.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)]))], confirm: false)
        let replyId = try #require(answer.json[0]?["id"]?.stringValue)
        _ = harness.post("/tickle")
        let late = harness.post("/iserver/reply/\(replyId)", .object(["confirmed": .bool(true)]))
        #expect(late.status == 400)
        #expect(late.text == "{\"error\":\"reply id not found: '\(replyId)'\"}")
        #expect(harness.twin.workingOrderCount == 0)
    }

    @Test("declining a question places nothing; a non-boolean answer is a 500")
    func decline() throws {
        let harness = TwinHarness()
        let order = TwinJSON.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)]))
        let first = harness.place([order], confirm: false)
        let replyId = try #require(first.json[0]?["id"]?.stringValue)
        #expect(harness.post("/iserver/reply/\(replyId)", .object(["confirmed": .string("true")])).status == 500)
        let again = harness.place([order], confirm: false)
        let secondId = try #require(again.json[0]?["id"]?.stringValue)
        let declined = harness.post("/iserver/reply/\(secondId)", .object(["confirmed": .bool(false)]))
        #expect(declined.json["error"] != nil)
        #expect(harness.twin.workingOrderCount == 0)
    }

    @Test("suppressed ids are not asked; the brokerage session's reset clears suppression")
    func suppression() {
        let harness = TwinHarness()
        let suppressed = harness.post(
            "/iserver/questions/suppress", .object(["messageIds": .array([.string("o163")])]))
        #expect(suppressed.json == .object(["status": .string("submitted")]))
        let order = TwinJSON.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)]))
        #expect(harness.place([order], confirm: false).json[0]?["order_id"] != nil)
        _ = harness.post("/iserver/questions/suppress/reset")
        #expect(harness.place([order], confirm: false).json[0]?["id"] != nil)
    }
}
