import FoundationEssentials
import TradingDomain

/// The positions a sell's exposure check and a close decide on, reused for a few seconds per symbol while nothing
/// Valet has seen since could have changed that symbol's position.
///
/// Every positions read costs two gateway requests (IBKR caches positions, so each read invalidates first), each
/// spending IBKR's 10-per-second pacing; an agent protecting a position sends a stop, a trailing stop and a sell
/// within seconds. The exposure rule is "held − working sells ≥ this sell", so a stale position is only
/// dangerous when it overstates what is held: a sell filled after the read. Such a fill is either
/// - seen — an order listing or status shows more filled than when the positions were read, or a working order
///   left the listing: that symbol's position is read again; or
/// - not seen — then the order still counts as working in the listing the guard reads, and the rule subtracts
///   it anyway (stale position, stale order: they agree).
///
/// Valet's own buys, cancels and modifications (a cancel can race a fill), and sends whose outcome is unknown,
/// mark the symbol changed at once. A trade made outside Valet (TWS, the mobile app) and not yet listed is what
/// reuse cannot see; `reuse` bounds how old such a blind spot can be, and IBKR's positions lag fills by seconds
/// anyway (cpapi.md §3.7), so a fresh read never closed it either.
struct ExposurePositions: Sendable {
    /// How long a read is reused by default, in seconds: IBKR's pacing window of the live-orders listing, so the
    /// listing the guard compares against is at most as old as the positions.
    static let standardReuse: TimeInterval = 5

    /// How long a read is reused, in seconds; 0 turns reuse off.
    let reuse: TimeInterval

    init(reuse: TimeInterval) {
        self.reuse = max(0, reuse)
    }

    private var positions: [Position]?
    private var readAt: Date?
    /// The filled quantity of every order seen so far, by order.
    private var filled: [OrderID: Decimal] = [:]
    /// `filled` as it stood when the positions were read.
    private var filledAtRead: [OrderID: Decimal] = [:]
    /// Orders last seen working, with their symbol (nil when the broker gave none): one that leaves a full listing
    /// may have filled.
    private var working: [OrderID: WorkingOrder] = [:]
    /// Symbols whose position may differ from the read.
    private var changed: Set<Symbol> = []

    /// The positions read moments ago, when nothing seen since could have changed `symbol`'s; nil otherwise.
    func positions(for symbol: Symbol, at now: Date) -> [Position]? {
        changed.contains(symbol) ? nil : positionsIgnoringChanges(at: now)
    }

    /// The read within its window whatever was seen since: `positions(for:at:)` without its change tracking, which
    /// `SafetyWeakening.reusesPositionsBlindly` uses to show the swarm notices when the tracking is gone.
    func positionsIgnoringChanges(at now: Date) -> [Position]? {
        guard reuse > 0, let positions, let readAt else { return nil }
        let age = now.timeIntervalSince(readAt)
        // A clock that went backwards (a correction) proves nothing about freshness.
        return age >= 0 && age <= reuse ? positions : nil
    }

    /// A fresh read from the broker: every symbol is as read, measured against the fills seen until now.
    mutating func remember(_ positions: [Position], at now: Date) {
        self.positions = positions
        readAt = now
        filledAtRead = filled
        changed = []
    }

    /// Orders the broker reported. `complete` says the list holds every order the broker keeps, so a working
    /// order missing from it has finished (filled, perhaps).
    mutating func observe(_ orders: [Order], complete: Bool) {
        for order in orders {
            let fill = order.filledQuantity ?? 0
            if fill > (filledAtRead[order.orderID] ?? 0) { mark(order.symbol) }
            filled[order.orderID] = max(fill, filled[order.orderID] ?? 0)
            working[order.orderID] = order.status.isTerminal ? nil : WorkingOrder(symbol: order.symbol)
        }
        guard complete else { return }
        let listed = Set(orders.map(\.orderID))
        for (orderID, order) in working where !listed.contains(orderID) {
            mark(order.symbol)
            working[orderID] = nil
        }
    }

    /// Valet sent orders on `symbol` that IBKR acknowledged as `acks`: they are working until a listing or a status
    /// says otherwise.
    mutating func sent(_ acks: [OrderAck], on symbol: Symbol) {
        for ack in acks {
            if ack.status.isTerminal || ack.status == .unknown { mark(symbol) }
            working[ack.orderID] = ack.status.isTerminal ? nil : WorkingOrder(symbol: symbol)
        }
    }

    /// Something Valet did may have changed `symbol`'s position (a buy, a cancel, a modification, a send with no
    /// answer): the next decision on it reads the positions again.
    mutating func mark(_ symbol: Symbol?) {
        guard let symbol else {
            // An order without a symbol could be any position's.
            positions = nil
            return
        }
        changed.insert(symbol)
    }

    private struct WorkingOrder: Sendable {
        var symbol: Symbol?
    }
}
