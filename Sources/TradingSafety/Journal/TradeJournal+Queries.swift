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

    /// Money committed by buys dispatched within `interval` (see `spentToday`). A modification adds only what it
    /// raised the order above the most that order has been worth so far, so a chain of modifications counts the
    /// order once, at its highest value.
    public func spent(in interval: DateInterval) -> Decimal {
        var total: Decimal = 0
        var committed: [OrderID: Decimal] = [:]
        for group in groups where group.fate.mayBeLive {
            guard group.fingerprint?.side == .buy, let notional = group.notional else { continue }
            let base = group.action == .modify ? group.orderID.flatMap { committed[$0] } ?? 0 : 0
            if let at = group.dispatchedAt, interval.contains(at) { total += max(0, notional - base) }
            if let orderID = group.orderID { committed[orderID] = max(base, notional, committed[orderID] ?? 0) }
        }
        return total
    }

    /// The most a broker order has been worth across its placement and the modifications that may be live: what a
    /// further modification is measured against.
    public func committedValue(ofOrder orderID: OrderID) -> Decimal? {
        groups.filter { $0.orderID == orderID && $0.fate.mayBeLive }.compactMap(\.notional).max()
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
