import FoundationEssentials
import TradingDomain

/// What the guards decided about one order.
public enum GuardDecision: Sendable, Hashable {
    case allow
    /// Refused by `guard`, with an error a person can act on.
    case block(GuardName, TradingError)

    /// The guard that refused, if any.
    public var blockingGuard: GuardName? {
        if case .block(let name, _) = self { return name }
        return nil
    }
}

/// The guards' full answer: the decision plus what they worked out on the way.
public struct GuardReport: Sendable, Hashable {
    public var decision: GuardDecision
    /// What the order may cost (buys) or bring in (sells), when it could be estimated.
    public var notional: Decimal?
    /// True when the order only reduces an existing position (a sell of a long, a buy covering a short).
    public var isExit: Bool
    /// Checks that were skipped or relaxed, and why (e.g. holdings could not be read).
    public var notes: [String]

    public init(decision: GuardDecision, notional: Decimal?, isExit: Bool, notes: [String]) {
        self.decision = decision
        self.notional = notional
        self.isExit = isExit
        self.notes = notes
    }
}
