import FoundationEssentials

/// Ways to weaken Valet's safety on purpose, for mutation tests only. The swarm's invariants read the broker's side;
/// each has a test that composes the real stack with the guard it protects weakened and shows the swarm reporting
/// the violation — proof that the net has teeth. Configuration never sets any of these; only code that builds a
/// stack by hand can, and `valet serve` never does.
public struct SafetyWeakening: Sendable, Hashable {
    /// Guards left out of `SafetyGuards.evaluate` (their refusals never happen).
    public var omittedGuards: Set<GuardName> = []
    /// The intent is journaled after the order is sent instead of before.
    public var journalsIntentAfterSending = false
    /// `reconcilePending(resolveMissing:)` declares a missing order gone at once, however recent.
    public var acceptsMissingAtOnce = false
    /// Live real-money orders go through without a person's approval.
    public var skipsPersonApproval = false
    /// IBKR question ids the adapter confirms besides the allow-list (`o2137`, IBKR's own oversell question, is the
    /// second layer under the short-sale guard).
    public var confirmedQuestions: Set<String> = []
    /// A failed journal write's fragment is left in place (the next line is appended onto it).
    public var skipsJournalRepair = false
    /// Decisions reuse a positions read for its whole window whatever fills, cancels or own orders were seen since
    /// (`ExposurePositions` without its change tracking).
    public var reusesPositionsBlindly = false

    public init(
        omittedGuards: Set<GuardName> = [], journalsIntentAfterSending: Bool = false,
        acceptsMissingAtOnce: Bool = false, skipsPersonApproval: Bool = false, confirmedQuestions: Set<String> = [],
        skipsJournalRepair: Bool = false, reusesPositionsBlindly: Bool = false
    ) {
        self.reusesPositionsBlindly = reusesPositionsBlindly
        self.skipsJournalRepair = skipsJournalRepair
        self.omittedGuards = omittedGuards
        self.journalsIntentAfterSending = journalsIntentAfterSending
        self.acceptsMissingAtOnce = acceptsMissingAtOnce
        self.skipsPersonApproval = skipsPersonApproval
        self.confirmedQuestions = confirmedQuestions
    }

    /// Every guard as designed.
    public static let none = SafetyWeakening()
}
