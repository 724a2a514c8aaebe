import FoundationEssentials

/// How often the twin picks each of IBKR's alternative questions. Real gateways differ here by version and
/// account, so the twin draws (from its own seeded generator) instead of always asking one form.
public struct TwinQuestionVariants: Sendable, Hashable {
    /// Stop, stop-limit and trailing orders: chance of `o10331` (current wording, ibind's table and cpapi.md §6.4)
    /// instead of `o10152` (ibind's stop-variant wording).
    public var stopAsksO10331: Double
    /// Market orders: chance of the generic `o0` "will most likely trigger and fill immediately" question
    /// (recordings/order-market-day-rec-a.json).
    public var marketAsksTrigger: Double
    /// Limits beyond the percentage constraint: chance of the `p12` Price Management Algo question
    /// (cpapi.md §6.2 form 4, ibind's table) after `o163`.
    public var farLimitAsksP12: Double

    public init(stopAsksO10331: Double = 0.5, marketAsksTrigger: Double = 0.5, farLimitAsksP12: Double = 0.5) {
        self.stopAsksO10331 = stopAsksO10331
        self.marketAsksTrigger = marketAsksTrigger
        self.farLimitAsksP12 = farLimitAsksP12
    }

    /// Always the older forms and never the optional ones (`o10152`, no `o0`, no `p12`).
    public static let classic = TwinQuestionVariants(stopAsksO10331: 0, marketAsksTrigger: 0, farLimitAsksP12: 0)
}
