import FoundationEssentials

/// Decides whether one of IBKR's reply questions may be confirmed: by its message id, or — when the id is the
/// generic `o0` or one Valet does not know — by recognising its text as a known question. Anything else is
/// declined and shown, so an unexpected warning stops the order instead of being confirmed blindly.
struct IBKRQuestionDecision: Sendable {
    /// A question Valet recognises by a fragment of its text.
    struct KnownText: Sendable {
        let id: String
        let fragment: String
        let source: String
    }

    /// The ids of every question whose text Valet knows; an id here is trusted over its text.
    static let knownIDs: Set<String> = Set(knownTexts.map(\.id)).union([
        "o163", "o382", "o383", "o451", "o2136", "o2137", "o2165", "o10082", "o10138", "o10288", "o10332",
        "o10333", "o10334", "o10335", "o10336",
    ])

    /// Fragments of the fixed texts, from outside sources (ibind 0.2.2 `QuestionType` / `_MESSAGE_ID_TO_QUESTION_TYPE`,
    /// cpapi.md §6.4, recordings/). ibind matches answers the same way: by a fragment contained in the question.
    static let knownTexts: [KnownText] = [
        KnownText(
            id: "o10331",
            fragment: "You are about to submit a stop order. Please be aware of the various stop order types available",
            source: "ibind o10331; cpapi.md §6.4"),
        KnownText(
            id: "o10152", fragment: "A Stop Order - i.e. a Stop (Market) Order - is an instruction to buy or sell",
            source: "ibind QuestionType.STOP_VARIANT_ORDER_CONFIRMATION"),
        KnownText(
            id: "o403", fragment: "This order will most likely trigger and fill immediately.",
            source: "ibind o403; cpapi.md §6.4; recordings/order-market-day-rec-a.json (as o0)"),
        KnownText(
            id: "o354", fragment: "You are submitting an order without market data.", source: "ibind o354"),
        KnownText(
            id: "o10151", fragment: "A Market Order is an instruction to trade your order at any available price",
            source: "ibind QuestionType.MARKET_ORDER_CONFIRMATION"),
        KnownText(
            id: "o10153", fragment: "Confirm Mandatory Cap Price", source: "ibind o10153; cpapi.md §6.4"),
        KnownText(
            id: "o10164", fragment: "Traders are responsible for understanding cash quantity details",
            source: "ibind o10164; cpapi.md §6.4"),
        KnownText(
            id: "o10223",
            fragment:
                "Orders that express size using a monetary value (cash quantity) are provided on a non-guaranteed",
            source: "ibind o10223; cpapi.md §6.4"),
        KnownText(
            id: "p12", fragment: "Use the Price Management Algo?", source: "ibind p12; cpapi.md §6.2 form 4"),
        KnownText(
            id: "p6", fragment: "This order will be distributed over multiple accounts.", source: "ibind p6"),
    ]

    /// Ids confirmed automatically (the allow-list).
    let allowed: Set<String>

    /// The verdict on one question: the ids it was read as, and whether it may be confirmed.
    struct Verdict: Equatable, Sendable {
        let readAs: [String]
        let approved: Bool
    }

    /// Reads each message (id and text side by side, as IBKR sends `messageIds` and `message`) and approves only
    /// when every one is approved. `orderTypes` are the request's IBKR order types (`MKT`, `STP`, …).
    func verdict(ids: [String], texts: [String], orderTypes: Set<String>) -> Verdict {
        let count = max(ids.count, texts.count)
        guard count > 0 else { return Verdict(readAs: [], approved: false) }
        var readAs: [String] = []
        var approved = true
        for index in 0..<count {
            let id = index < ids.count ? ids[index] : ""
            let text = index < texts.count ? texts[index] : texts.joined(separator: "\n")
            let read = Self.read(id: id, text: text)
            readAs.append(read ?? (id.isEmpty ? "(no id)" : id))
            guard let read, approves(read, orderTypes: orderTypes) else {
                approved = false
                continue
            }
        }
        return Verdict(readAs: readAs, approved: approved)
    }

    /// The id a question stands for: its own when known (and not the generic `o0`), else the id of the known text
    /// it contains, else nil (unrecognised).
    static func read(id: String, text: String) -> String? {
        if !id.isEmpty, id != "o0", knownIDs.contains(id) { return id }
        return knownTexts.first { text.contains($0.fragment) }?.id
    }

    private func approves(_ id: String, orderTypes: Set<String>) -> Bool {
        // "Will most likely trigger and fill immediately" is the expected outcome of a market order (a market
        // entry, with or without bracket exits); without one it means a stop or limit is already through the
        // market, so it is shown, not confirmed.
        if id == "o403" { return orderTypes.contains("MKT") }
        return id != "o0" && allowed.contains(id)
    }
}
