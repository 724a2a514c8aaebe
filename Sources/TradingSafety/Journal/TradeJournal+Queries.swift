import Foundation
import TradingDomain

extension TradeJournal {
    /// Money committed by buys dispatched on the trading day that contains `now` (day boundaries in `timeZone`).
    /// Each client order id counts once, at its largest recorded value, while its fate `mayBeLive`; a
    /// modification counts only by how much it raised the modified order's value.
    public func spentToday(now: Date, timeZone: TimeZone) -> Decimal {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let day = calendar.dateInterval(of: .day, for: now) else { return 0 }
        return spent(in: day)
    }

    /// Money committed by buys dispatched within `interval` (see `spentToday`).
    public func spent(in interval: DateInterval) -> Decimal {
        let all = groups
        var byID: [ClientOrderID: JournalGroup] = [:]
        for group in all { byID[group.clientOrderID] = group }
        var total: Decimal = 0
        for group in all where group.fate.mayBeLive {
            guard group.fingerprint?.side == .buy, let at = group.dispatchedAt, interval.contains(at),
                let notional = group.notional
            else { continue }
            if group.action == .modify {
                let base = group.amends.flatMap { byID[$0]?.notional } ?? 0
                total += max(0, notional - base)
            } else {
                total += notional
            }
        }
        return total
    }

    /// When an order with this identity was last dispatched, among orders that may still be live. Modifications
    /// are not new orders and are ignored.
    public func lastLiveDispatch(of fingerprint: OrderFingerprint) -> Date? {
        groups.filter { $0.action != .modify && $0.fate.mayBeLive && $0.fingerprint == fingerprint }
            .compactMap(\.dispatchedAt).max()
    }

    /// Every order whose outcome is unknown (sending interrupted, or the broker's answer lost).
    public func unresolvedGroups() -> [JournalGroup] {
        groups.filter { $0.fate.isUnresolved }
    }

    /// An unresolved order with this identity, if any.
    public func unresolvedGroup(matching fingerprint: OrderFingerprint) -> JournalGroup? {
        unresolvedGroups().first { $0.fingerprint == fingerprint }
    }

    /// The client order id the journal recorded for a broker order id (the latest one).
    public func clientOrderID(forOrder orderID: OrderID) -> ClientOrderID? {
        groups.last { $0.orderID == orderID && $0.action != .modify }?.clientOrderID
    }
}
