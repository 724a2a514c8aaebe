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

    /// Texts exactly as ibind 0.2.2's `_MESSAGE_ID_TO_QUESTION_TYPE` gives them (ibind/client/ibkr_utils.py), by id.
    static let ibindTable: [(String, String)] = [
        (
            "o354",
            "You are submitting an order without market data. We strongly recommend against this as it may result "
                + "in erroneous and unexpected trades. Are you sure you want to submit this order?"
        ),
        (
            "o403",
            "This order will most likely trigger and fill immediately.\nAre you sure you want to submit this order?"
        ),
        (
            "o10164",
            "Traders are responsible for understanding cash quantity details, which are provided on a best efforts "
                + "basis only."
        ),
        (
            "o10331",
            "You are about to submit a stop order. Please be aware of the various stop order types available and the "
                + "risks associated with each one.\nAre you sure you want to submit this order?"
        ),
        (
            "p6",
            "This order will be distributed over multiple accounts. We strongly suggest you familiarize yourself with "
                + "our allocation facilities before submitting orders."
        ),
    ]

    @Test("ibind's own texts, sent under the generic o0, are read as the ids ibind gives them")
    func ibindTexts() {
        for (id, text) in Self.ibindTable {
            #expect(IBKRQuestionDecision.read(id: "o0", text: text) == id, "\(id)")
        }
        // The allow-list's verdicts on them: benign ones confirmed, multi-account (p6) declined.
        let verdicts = Self.ibindTable.map { id, text in
            (id, decision.verdict(ids: ["o0"], texts: [text], orderTypes: ["MKT"]).approved)
        }
        #expect(verdicts.filter(\.1).map(\.0) == ["o354", "o403", "o10164", "o10331"])
    }
}
