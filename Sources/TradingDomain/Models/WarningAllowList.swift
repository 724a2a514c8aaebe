/// The broker confirmation questions (IBKR reply message ids) that may be answered "yes" automatically. Data, not
/// code: the adapter's reply loop consults it and declines every other question, so an unexpected warning stops
/// the order instead of being confirmed blindly.
public struct WarningAllowList: Sendable, Hashable {
    /// The approved message ids (`o354`, `o163`, …).
    public let messageIDs: Set<String>

    public init(messageIDs: Set<String>) {
        // `o0` is IBKR's generic id for many unrelated prompts; approving it would approve anything.
        self.messageIDs = messageIDs.subtracting(["o0"])
    }

    /// The ids the reference confirmed live as routine, plus `o10331` (the current id of the stop-order question)
    /// and `p12`. The generic `o0` is never listed: the adapter recognises known texts behind it instead. `o2137` (the order is larger than the position, i.e. an
    /// oversell or short) is deliberately absent.
    public static let standard = WarningAllowList(messageIDs: [
        "o354",  // order without market data
        "o163",  // limit price away from the market (deliberate limits)
        "o10151",  // market / cash-quantity disclaimers
        "o10152",  // stop order risks (STP, STOP_LIMIT, TRAIL), older wording
        "o10331",  // stop order risks, current wording (ibind's table, cpapi.md §6.4)
        "o10153",  // mandatory cap price / cash quantity
        "o10164",  // cash quantity details
        "o10223",  // cash quantity order confirmation
        // Price Management Algo (cpapi.md §6.2 form 4): a far limit the guards already accepted; the algo works
        // within the order's own limit price.
        "p12",
    ])

    /// True only when `ids` is non-empty and every id is approved; a question without ids is never approved.
    public func approves(_ ids: [String]) -> Bool {
        !ids.isEmpty && ids.allSatisfy { messageIDs.contains($0) }
    }
}
