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
        let harness = TwinHarness(TwinConfiguration(questionVariants: .classic))
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

    /// The o10331 text as ibind 0.2.2's table (`_MESSAGE_ID_TO_QUESTION_TYPE`) and cpapi.md §6.4 give it.
    static let ibindO10331 =
        "You are about to submit a stop order. Please be aware of the various stop order types available and the "
        + "risks associated with each one.\nAre you sure you want to submit this order?"
    /// The text ibind matches for o10152 (`QuestionType.STOP_VARIANT_ORDER_CONFIRMATION`).
    static let ibindO10152 =
        "A Stop Order - i.e. a Stop (Market) Order - is an instruction to buy or sell at the market price once your "
        + "trigger (\"stop\") price is reached"

    @Test("stop orders ask o10152 or o10331 (seeded), each with the text ibind gives that id")
    func stopQuestions() throws {
        var seen: [String: String] = [:]
        for seed in UInt64(1)...12 {
            for type in ["STP", "STOP_LIMIT", "TRAIL"] {
                let harness = TwinHarness(TwinConfiguration(seed: seed))
                let extra: [String: TwinJSON] =
                    switch type {
                    case "TRAIL": ["trailingAmt": .float(2), "trailingType": .string("amt")]
                    case "STOP_LIMIT": ["price": .float(192), "auxPrice": .float(191)]
                    default: ["price": .float(200)]
                    }
                let answer = harness.place([.object(H.order("BUY", type, quantity: 1, extra: extra))], confirm: false)
                let id = try #require(answer.json[0]?["messageIds"]?[0]?.stringValue, "\(type) seed \(seed)")
                seen[id] = answer.json[0]?["message"]?[0]?.stringValue
            }
        }
        #expect(Set(seen.keys) == ["o10152", "o10331"])
        #expect(seen["o10331"] == Self.ibindO10331)
        #expect(seen["o10152"]?.hasPrefix(Self.ibindO10152) == true)
        #expect(TwinHarness(TwinConfiguration(questionVariants: .classic)).twin.askedQuestionIDs.isEmpty)
    }

    @Test("market orders sometimes ask the generic o0 with the market-order capture's exact text")
    func marketTrigger() throws {
        let capture = try TwinJSON.parse(
            Data(contentsOf: H.recordings.appendingPathComponent("order-market-day-rec-a.json")))
        let captured = try #require(capture?["exchanges"]?[0]?["responseBody"]?["json"]?[0])
        var asked = 0
        for seed in UInt64(1)...12 {
            let harness = TwinHarness(TwinConfiguration(seed: seed))
            let answer = harness.place([.object(H.order("BUY", "MKT", quantity: 1))], confirm: false)
            guard answer.json[0]?["messageIds"] != nil else { continue }
            asked += 1
            #expect(answer.json[0]?["messageIds"] == captured["messageIds"])
            #expect(answer.json[0]?["message"] == captured["message"])
        }
        #expect(asked > 0 && asked < 12)
    }

    @Test("o0 cannot be suppressed by id; p12 follows o163 for far limits when drawn")
    func genericAndPriceManagement() throws {
        let harness = TwinHarness(TwinConfiguration(questionVariants: .init(marketAsksTrigger: 1, farLimitAsksP12: 1)))
        _ = harness.post("/iserver/questions/suppress", .object(["messageIds": .array([.string("o0")])]))
        _ = harness.place([.object(H.order("BUY", "MKT", quantity: 1))])
        _ = harness.place([.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)]))])
        #expect(harness.twin.askedQuestionIDs == ["o0", "o163", "p12"])
        let p12 = TwinQuestionCorpus.priceManagementAlgo.text
        #expect(p12.hasSuffix("\nUse the Price Management Algo?"))
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
        let harness = TwinHarness(TwinConfiguration(questionVariants: .classic))
        let suppressed = harness.post(
            "/iserver/questions/suppress", .object(["messageIds": .array([.string("o163")])]))
        #expect(suppressed.json == .object(["status": .string("submitted")]))
        let order = TwinJSON.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)]))
        #expect(harness.place([order], confirm: false).json[0]?["order_id"] != nil)
        _ = harness.post("/iserver/questions/suppress/reset")
        #expect(harness.place([order], confirm: false).json[0]?["id"] != nil)
    }
}
