import FoundationEssentials
import TradingDomain

/// All journal lines of one client order id, in file order, with what the guards read of them kept up to date as
/// lines arrive (the queries run on every order, so they must not re-read every line of every group).
public struct JournalGroup: Sendable, Hashable {
    public let clientOrderID: ClientOrderID
    /// The fate by the one rule: the last line wins.
    public private(set) var fate: JournalFate = .notSent
    /// The order's identity, from the latest line that carries one.
    public private(set) var fingerprint: OrderFingerprint?
    /// When the order was handed to the broker: the latest intent's time.
    public private(set) var dispatchedAt: Date?
    /// The largest value any line records (counted once per group).
    public private(set) var notional: Decimal?
    public private(set) var action: JournalRecord.Action?
    /// The broker's order id, from the latest line that has one.
    public private(set) var orderID: OrderID?
    /// For modifications: the client order id of the modified order.
    public private(set) var amends: ClientOrderID?

    /// True when the group's notional counts toward the daily cap: a buy, a bracket (whose notional is what its
    /// BUY legs may pay, a SELL bracket's exits included), or a short sale (an entry).
    public var isBuySpending: Bool { fingerprint?.side == .buy || action == .bracket || isShortEntry }
    /// A SELL journaled as opening or adding to a short.
    public private(set) var isShortEntry = false

    init(first: JournalRecord) {
        clientOrderID = first.clientOrderID
        action = first.action
        append(first)
    }

    mutating func append(_ record: JournalRecord) {
        fate = Self.fate(after: record)
        if let order = record.order { fingerprint = order }
        if record.shortEntry == true { isShortEntry = true }
        if record.kind == .intent { dispatchedAt = record.timestamp }
        if let value = record.notional { notional = max(notional ?? value, value) }
        if let id = record.orderID { orderID = id }
        if amends == nil, let id = record.amends { amends = id }
    }

    /// The fate a group has when `last` is its latest line.
    private static func fate(after last: JournalRecord) -> JournalFate {
        switch last.kind {
        case .intent:
            return .inFlight
        case .approval:
            // An approval sends nothing: its group never counts toward spend or blocks a resend.
            return .notSent
        case .resolution:
            return .resolved(last.status ?? .unknown, filled: last.filledQuantity)
        case .outcome:
            switch last.outcome ?? .unknown {
            case .sent: return .placed(last.status ?? .unknown, filled: last.filledQuantity)
            case .rejected: return .rejected
            case .unknown: return .unknown
            case .notSent: return .notSent
            case .dryRun: return .dryRun
            case .blocked: return .blocked
            }
        }
    }
}
