import FoundationEssentials
import TradingDomain

/// What became of one order attempt, read from its journal lines by one rule: **the last line wins** (a
/// resolution after an outcome, a later intent after an earlier outcome). Daily spend, duplicate detection and
/// unresolved-dispatch checks all derive from this one value, so they can never disagree.
public enum JournalFate: Sendable, Hashable {
    /// A guard refused it.
    case blocked
    /// Validated, not sent.
    case dryRun
    /// Never left Valet.
    case notSent
    /// Refused by the broker.
    case rejected
    /// An intent with no outcome: sending was in progress when the process stopped. It may exist.
    case inFlight
    /// The broker's answer was lost (timeout, 503): it may exist.
    case unknown
    /// Acknowledged by the broker, with the status it reported and any filled quantity.
    case placed(OrderStatus, filled: Decimal?)
    /// Reconciled later to this status (`unknown` when an operator accepted a missing order as resolved).
    case resolved(OrderStatus, filled: Decimal?)

    /// The outcome is not known and must be reconciled before an identical order is sent again.
    public var isUnresolved: Bool {
        self == .inFlight || self == .unknown
    }

    /// The order may exist or have filled at the broker: it counts toward the daily cap and the duplicate window.
    /// Only an order that is known to be dead without any fill stops counting; `inactive` and `unknown` keep
    /// counting (fail safe).
    public var mayBeLive: Bool {
        switch self {
        case .blocked, .dryRun, .notSent, .rejected:
            return false
        case .inFlight, .unknown:
            return true
        case .placed(let status, let filled), .resolved(let status, let filled):
            return !(status.isDefinitelyDead && (filled ?? 0) <= 0)
        }
    }
}
