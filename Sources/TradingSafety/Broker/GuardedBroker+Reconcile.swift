import FoundationEssentials
import TradingDomain

/// One order `reconcilePending` looked at.
public struct ReconciledOrder: Sendable, Hashable {
    public var clientOrderID: ClientOrderID
    public var order: OrderFingerprint?
    /// The status written in the resolution (`unknown` when an operator accepted a missing order).
    public var status: OrderStatus
    public var orderID: OrderID?
    public var filledQuantity: Decimal?

    public init(
        clientOrderID: ClientOrderID, order: OrderFingerprint?, status: OrderStatus, orderID: OrderID?,
        filledQuantity: Decimal?
    ) {
        self.clientOrderID = clientOrderID
        self.order = order
        self.status = status
        self.orderID = orderID
        self.filledQuantity = filledQuantity
    }
}

/// What `reconcilePending` found.
public struct ReconcileReport: Sendable, Hashable {
    public var unresolvedBefore: Int
    public var resolved: [ReconciledOrder]
    public var stillUnresolved: [ClientOrderID]
    /// Set when the broker's orders could not be read: everything stays unresolved.
    public var error: TradingError?
    /// When `resolveMissing` was asked but some missing orders are too recent to be declared gone: the instant from
    /// which the youngest of them can be (nil: none waits).
    public var missingAcceptableFrom: Date?

    public init(
        unresolvedBefore: Int, resolved: [ReconciledOrder], stillUnresolved: [ClientOrderID], error: TradingError?,
        missingAcceptableFrom: Date? = nil
    ) {
        self.unresolvedBefore = unresolvedBefore
        self.resolved = resolved
        self.stillUnresolved = stillUnresolved
        self.error = error
        self.missingAcceptableFrom = missingAcceptableFrom
    }
}

extension GuardedBroker {
    /// How long an order must have been sent before `resolveMissing` may declare it gone. IBKR's order views lag a
    /// placement — the first live-orders call after a change is empty (cpapi.md §9.7), and an order can land while
    /// the answer is lost (a 503 or a timeout, ADR-012 of the Python reference) — so a lookup right after an unknown
    /// outcome proves nothing, and accepting it as missing would let the agent place it a second time. Five minutes
    /// is our assumption (IBKR publishes no figure); the twin's lost-answer fault hides orders for less.
    public static let missingSettleSeconds: TimeInterval = 300

    /// Looks up every order whose outcome is unknown among the broker's orders (by client order id, or by order
    /// id for modifications) and fills (executions of the last day), and journals a `resolution` for each one
    /// found. With `resolveMissing`, an order found nowhere and sent at least `missingSettleSeconds` ago is resolved
    /// as `unknown` (operator-accepted: it keeps counting toward the daily cap but no longer blocks a resend); a more
    /// recent one stays unresolved and the report says from when it can be accepted.
    public func reconcilePending(resolveMissing: Bool) async throws -> ReconcileReport {
        try await serialized { await self.reconcileUnderGate(resolveMissing: resolveMissing) }
    }

    private func reconcileUnderGate(resolveMissing: Bool) async -> ReconcileReport {
        let pending = journal.unresolvedGroups()
        guard !pending.isEmpty else {
            return ReconcileReport(unresolvedBefore: 0, resolved: [], stillUnresolved: [], error: nil)
        }
        let orders: [Order]
        do {
            orders = try await listedOrders()
        } catch {
            return ReconcileReport(
                unresolvedBefore: pending.count, resolved: [], stillUnresolved: pending.map(\.clientOrderID),
                error: Self.asTradingError(error))
        }
        // Fills are a second source: a filled order can drop off the order list.
        let fills = (try? await broker.executions(days: 1)) ?? []
        var resolved: [ReconciledOrder] = []
        var still: [ClientOrderID] = []
        var acceptableFrom: Date?
        let now = clock()
        for group in pending {
            let found = orders.first { order in
                if group.action == .modify || group.action == .cancel { return order.orderID == group.orderID }
                return order.clientOrderID == group.clientOrderID
            }
            let groupFills = fills.filter { $0.clientOrderID == group.clientOrderID }
            let entry: ReconciledOrder
            let message: String
            if let found {
                entry = ReconciledOrder(
                    clientOrderID: group.clientOrderID, order: group.fingerprint, status: found.status,
                    orderID: found.orderID, filledQuantity: found.filledQuantity)
                message = "reconciled: found among the broker's orders"
            } else if !groupFills.isEmpty {
                entry = ReconciledOrder(
                    clientOrderID: group.clientOrderID, order: group.fingerprint, status: .filled,
                    orderID: groupFills.first?.orderID,
                    filledQuantity: groupFills.reduce(Decimal(0)) { $0 + $1.quantity })
                message = "reconciled: found among the broker's fills"
            } else if resolveMissing, !weakening.acceptsMissingAtOnce, let settled = Self.settled(group, now: now) {
                still.append(group.clientOrderID)
                acceptableFrom = max(acceptableFrom ?? settled, settled)
                continue
            } else if resolveMissing {
                entry = ReconciledOrder(
                    clientOrderID: group.clientOrderID, order: group.fingerprint, status: .unknown, orderID: nil,
                    filledQuantity: nil)
                message = "reconciled: not among the broker's orders or fills; operator accepted it as resolved"
            } else {
                still.append(group.clientOrderID)
                continue
            }
            let line = JournalRecord(
                kind: .resolution, timestamp: clock(), clientOrderID: group.clientOrderID, action: group.action,
                status: entry.status, orderID: entry.orderID, filledQuantity: entry.filledQuantity, message: message)
            do {
                try journal.append(line)
                resolved.append(entry)
            } catch {
                still.append(group.clientOrderID)
            }
        }
        return ReconcileReport(
            unresolvedBefore: pending.count, resolved: resolved, stillUnresolved: still, error: nil,
            missingAcceptableFrom: acceptableFrom)
    }

    /// When a missing order that is still too recent can be declared gone (nil: it already can).
    private static func settled(_ group: JournalGroup, now: Date) -> Date? {
        guard let sent = group.dispatchedAt else { return nil }
        let settled = sent.addingTimeInterval(missingSettleSeconds)
        return settled > now ? settled : nil
    }
}
