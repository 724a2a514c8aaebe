import FoundationEssentials
import TradingDomain

/// Answers the broker gave moments ago, reused instead of asking again: every gateway request spends IBKR's pacing
/// (10 per second; a 429 costs a 10–15 minute penalty box), and an agent often asks for the account, then the
/// positions, then the portfolio within a second.
///
/// What is reused, and for how long (`reuse` seconds on the injected clock, `standardReuse` unless configured;
/// 0 turns reuse off, as `valet bench tools` does for figures of the work each call does):
/// - the account summary and the positions, for what an agent *reads* (`account_summary`, `positions`,
///   `portfolio`). Forgotten as soon as Valet sends or cancels an order, or sees a fill. The guards never use
///   these: decisions have their own, stricter memory of the positions (`ExposurePositions`).
/// - quotes, for the guards' valuation and stop-side check. Orders do not change a quote; a quote older than
///   `reuse` is read again. `get_quote` always asks the gateway (and refreshes this memory).
public struct RecentReads: Sendable {
    /// How long an answer is reused by default, in seconds.
    public static let standardReuse: TimeInterval = 2

    /// How long an answer is reused, in seconds.
    let reuse: TimeInterval

    init(reuse: TimeInterval) {
        self.reuse = max(0, reuse)
    }

    private struct Stamped<Value: Sendable>: Sendable {
        var value: Value
        var at: Date
    }

    private var summary: Stamped<AccountSummary>?
    private var positions: Stamped<[Position]>?
    private var quotes: [Symbol: Stamped<Quote>] = [:]

    func summary(at now: Date) -> AccountSummary? { fresh(summary, at: now) }
    func positions(at now: Date) -> [Position]? { fresh(positions, at: now) }
    func quote(_ symbol: Symbol, at now: Date) -> Quote? { fresh(quotes[symbol], at: now) }

    mutating func remember(_ value: AccountSummary, at now: Date) { summary = Stamped(value: value, at: now) }
    mutating func remember(_ value: [Position], at now: Date) { positions = Stamped(value: value, at: now) }
    mutating func remember(_ value: Quote, at now: Date) { quotes[value.symbol] = Stamped(value: value, at: now) }

    /// An order was sent, changed or cancelled, or a fill was seen: the account may differ now.
    mutating func forgetAccount() {
        summary = nil
        positions = nil
    }

    private func fresh<Value>(_ stamped: Stamped<Value>?, at now: Date) -> Value? {
        guard reuse > 0, let stamped else { return nil }
        let age = now.timeIntervalSince(stamped.at)
        // A clock that went backwards (a correction) proves nothing about freshness.
        return age >= 0 && age <= reuse ? stamped.value : nil
    }
}
