import FoundationEssentials
import TradingDomain

extension TradeJournal {
    /// Money committed by buys dispatched on the trading day that contains `now` (day boundaries in `timeZone`).
    /// Each client order id counts once, at its largest recorded value, while its fate `mayBeLive`; a
    /// modification counts only by how much it raised the modified order's value.
    public func spentToday(now: Date, timeZone: MarketTimeZone) -> Decimal {
        spent(in: timeZone.dayInterval(containing: now))
    }

    /// Money committed by buys dispatched within `interval` (see `spentToday`). A modification adds only what it
    /// raised the order above the most that order has been worth so far, so a chain of modifications counts the
    /// order once, at its highest value. (The loops read fields by index: copying each group would cost more than
    /// the query.)
    public func spent(in interval: DateInterval) -> Decimal {
        withSpendState { all, cache in
            if let cached = cache[interval] { return cached }
            // Only orders that were modified need their running value; most days have none.
            var modified: Set<OrderID> = []
            for index in all.indices where all[index].action == .modify {
                if let orderID = all[index].orderID { modified.insert(orderID) }
            }
            var total: Decimal = 0
            var committed: [OrderID: Decimal] = [:]
            for index in all.indices where all[index].fate.mayBeLive {
                guard all[index].isBuySpending, let notional = all[index].notional else { continue }
                let orderID = all[index].orderID.flatMap { modified.contains($0) ? $0 : nil }
                let base = all[index].action == .modify ? orderID.flatMap { committed[$0] } ?? 0 : 0
                if let at = all[index].dispatchedAt, interval.contains(at) { total += max(0, notional - base) }
                if let orderID { committed[orderID] = max(base, notional, committed[orderID] ?? 0) }
            }
            // With no modification every group's share is its own value, so the total can be kept current line by
            // line; a few intervals at most (today, and what a caller asked about).
            if modified.isEmpty {
                if cache.count >= 4 { cache.removeAll() }
                cache[interval] = total
            }
            return total
        }
    }

    /// The most a broker order has been worth across its placement and the modifications that may be live: what a
    /// further modification is measured against.
    public func committedValue(ofOrder orderID: OrderID) -> Decimal? {
        let all = groups
        var highest: Decimal?
        for index in all.indices where all[index].orderID == orderID && all[index].fate.mayBeLive {
            if let notional = all[index].notional { highest = max(highest ?? notional, notional) }
        }
        return highest
    }

    /// When an order with this identity was last dispatched, among orders that may still be live. Modifications
    /// are not new orders and are ignored.
    public func lastLiveDispatch(of fingerprint: OrderFingerprint) -> Date? {
        let all = groups
        var latest: Date?
        for index in all.indices where all[index].action != .modify && all[index].fate.mayBeLive {
            guard all[index].fingerprint == fingerprint, let at = all[index].dispatchedAt else { continue }
            latest = max(latest ?? at, at)
        }
        return latest
    }

    /// Every order whose outcome is unknown (sending interrupted, or the broker's answer lost).
    public func unresolvedGroups() -> [JournalGroup] {
        let all = groups
        return all.indices.filter { all[$0].fate.isUnresolved }.map { all[$0] }
    }

    /// An unresolved order with this identity, if any.
    public func unresolvedGroup(matching fingerprint: OrderFingerprint) -> JournalGroup? {
        let all = groups
        return all.indices.first { all[$0].fate.isUnresolved && all[$0].fingerprint == fingerprint }.map { all[$0] }
    }

    /// The client order id the journal recorded for a broker order id (the latest one).
    public func clientOrderID(forOrder orderID: OrderID) -> ClientOrderID? {
        let all = groups
        return all.indices.last {
            all[$0].orderID == orderID && all[$0].action != .modify && all[$0].action != .cancel
        }.map {
            all[$0].clientOrderID
        }
    }
}
