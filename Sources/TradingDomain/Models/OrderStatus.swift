/// Where an order stands at the broker.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Accepted but not yet working, or being cancelled (PendingSubmit, PendingCancel).
    case pending
    /// Working at the broker (Submitted, or PreSubmitted: held until it can be routed, which paper accounts
    /// report for every working order).
    case submitted
    /// Completely filled.
    case filled
    /// Cancelled (possibly after a partial fill: check the filled quantity).
    case cancelled
    /// Refused.
    case rejected
    /// IBKR's `Inactive`: dead, rejected **or** parked until the open. Kept distinct because it cannot be told
    /// apart from a live order waiting for the session, so it still counts toward spending caps.
    case inactive
    /// The broker's status was missing or not understood.
    case unknown

    /// True when the order will not change any more on its own. `inactive` is terminal for polling, but see its
    /// note: it may still come back to life at the open.
    public var isTerminal: Bool {
        switch self {
        case .filled, .cancelled, .rejected, .inactive: return true
        case .pending, .submitted, .unknown: return false
        }
    }

    /// True when the order can no longer produce a fill it has not produced already. `inactive` and `unknown`
    /// are not: they fail safe.
    public var isDefinitelyDead: Bool {
        self == .cancelled || self == .rejected
    }
}
