import Foundation
import GatewayTwin
import Testing
import TradingDomain

@testable import IBKRAdapter

/// The adapter's reading of IBKR's reply questions: by id, or by a known text behind an unknown or generic id.
@Suite("Reply question decisions")
struct QuestionDecisionTests {
    let decision = IBKRQuestionDecision(allowed: WarningAllowList.standard.messageIDs)

    @Test("o10331 (the current stop-order id, ibind's table) is approved; the old allow-list would decline it")
    func stopRisks() {
        let text = TwinQuestionCorpus.stopRisks.text
        #expect(decision.verdict(ids: ["o10331"], texts: [text], orderTypes: ["STP"]).approved)
        let old = IBKRQuestionDecision(allowed: WarningAllowList.standard.messageIDs.subtracting(["o10331"]))
        // A known id is trusted over its text: the old list declines o10331 even though the text is benign.
        #expect(!old.verdict(ids: ["o10331"], texts: [text], orderTypes: ["STP"]).approved)
    }

    @Test("an unknown id whose text is a known benign question is read as that question")
    func unknownIDKnownText() {
        let verdict = decision.verdict(
            ids: ["o99999"], texts: [TwinQuestionCorpus.stopRisks.text], orderTypes: ["STOP_LIMIT"])
        #expect(verdict == .init(readAs: ["o10331"], approved: true))
    }

    @Test("the generic o0 with the market-order capture's text is confirmed only when the request has a market order")
    func genericTrigger() {
        let text = TwinQuestionCorpus.marketTriggerGeneric.text
        #expect(
            decision.verdict(ids: ["o0"], texts: [text], orderTypes: ["MKT"]) == .init(readAs: ["o403"], approved: true)
        )
        // On a stop it means the trigger is already through the market: shown, not confirmed.
        #expect(!decision.verdict(ids: ["o0"], texts: [text], orderTypes: ["STP"]).approved)
        #expect(!decision.verdict(ids: ["o0"], texts: [text], orderTypes: ["LMT"]).approved)
        // A bracket with a market entry: the entry is what fills at once.
        #expect(decision.verdict(ids: ["o0"], texts: [text], orderTypes: ["MKT", "LMT", "STP"]).approved)
    }

    @Test("anything unrecognised is declined: o0 with other text, no id, no text, a known id not allowed")
    func declined() {
        #expect(!decision.verdict(ids: ["o0"], texts: ["Something new.\nAre you sure?"], orderTypes: ["MKT"]).approved)
        #expect(!decision.verdict(ids: [], texts: [], orderTypes: ["MKT"]).approved)
        #expect(!decision.verdict(ids: ["o77777"], texts: ["Unheard of"], orderTypes: ["LMT"]).approved)
        // o383 (size limit) keeps its own meaning even if its text quoted a benign one.
        let mixed = decision.verdict(ids: ["o383"], texts: [TwinQuestionCorpus.stopRisks.text], orderTypes: ["STP"])
        #expect(mixed == .init(readAs: ["o383"], approved: false))
        // Every message must pass: one unknown among approved ones declines the question.
        let two = decision.verdict(
            ids: ["o10331", "o0"], texts: [TwinQuestionCorpus.stopRisks.text, "Unheard of"], orderTypes: ["STP"])
        #expect(!two.approved)
    }

    @Test("every fixed-text question the twin asks is read as its own id, under its id and under an unknown one")
    func twinCorpus() {
        for question in TwinQuestionCorpus.all {
            let expected = question.id == "o0" ? "o403" : question.id
            #expect(IBKRQuestionDecision.read(id: question.id, text: question.text) == expected, "\(question.id)")
            let recognisedByText = IBKRQuestionDecision.knownTexts.contains { $0.id == expected }
            #expect(
                (IBKRQuestionDecision.read(id: "o424242", text: question.text) == expected) == recognisedByText,
                "\(question.id) under an unknown id")
        }
    }
}
