import FoundationEssentials
import TradingDomain

/// How armed the guards are and what currently stands in the way of trading (for `session_status`).
public struct TradingPosture: Sendable, Hashable {
    public var dryRun: Bool
    public var allowLive: Bool
    public var allowShort: Bool
    public var allowListActive: Bool
    public var maxOrderValue: Decimal
    public var maxDailyValue: Decimal?
    /// What today's buys may still spend (nil without a daily cap; never negative).
    public var remainingDailyBudget: Decimal?
    public var isMarketOpen: Bool
    /// True when the broker's account was read and passes the guards' account binding (the same check every
    /// order runs), so paper versus live is certain.
    public var accountVerified: Bool
    /// Orders whose outcome is unknown; each blocks an identical resend until reconciled.
    public var unresolvedOrders: [OrderFingerprint]
    /// Reasons not to trade right now: no session, a competing session, unresolved orders, an account the guards
    /// refuse.
    public var tradeStops: [String]
    /// Configuration worth a second look (e.g. live armed without a daily cap, a damaged journal).
    public var warnings: [String]

    /// True when the session can trade and nothing stands in the way.
    public var safeToTrade: Bool { tradeStops.isEmpty }
}

extension GuardedBroker {
    /// The guards' posture, given the session state the caller read (nil when it could not be read) and the
    /// broker's account identity (nil when it was not read, e.g. while logged out).
    public func posture(
        session: SessionStatus?, identity: Result<AccountIdentity, TradingError>? = nil
    ) -> TradingPosture {
        let unresolved = journal.unresolvedGroups()
        var stops: [String] = []
        if let session {
            if !session.authenticated { stops.append("the broker session is not logged in") }
            if session.competing {
                stops.append("another session competes for this login and may take it over mid-order")
            }
        } else {
            stops.append("the broker session state could not be read")
        }
        // The account binding every order runs: while it refuses, no order can go, so trading is not safe.
        let accountRefusal = identity.flatMap { guards.checkAccount($0) }
        if let accountRefusal { stops.append("every order is refused: \(accountRefusal.message)") }
        if !unresolved.isEmpty {
            stops.append(
                "\(unresolved.count) dispatched order(s) have an unknown outcome: run reconcile_pending before"
                    + " sending more")
        }
        var warnings: [String] = []
        if policy.allowLive && policy.maxDailyValue == nil {
            warnings.append(
                "live trading is armed without a daily cap (MAX_DAILY_VALUE): only the per-order cap applies")
        }
        if !journal.damage.isEmpty {
            warnings.append(
                "the trade journal had \(journal.damage.count) unreadable line(s) when opened; they were skipped")
        }
        return TradingPosture(
            dryRun: policy.dryRun, allowLive: policy.allowLive, allowShort: policy.allowShort,
            allowListActive: !policy.allowedSymbols.isEmpty, maxOrderValue: policy.maxOrderValue,
            maxDailyValue: policy.maxDailyValue, remainingDailyBudget: remainingDailyBudget(),
            isMarketOpen: isMarketOpen(), accountVerified: identity != nil && accountRefusal == nil,
            unresolvedOrders: unresolved.compactMap(\.fingerprint), tradeStops: stops,
            warnings: warnings)
    }
}
