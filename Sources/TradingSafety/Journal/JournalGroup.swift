import Foundation
import TradingDomain

/// All journal lines of one client order id, in file order.
public struct JournalGroup: Sendable, Hashable {
    public let clientOrderID: ClientOrderID
    public private(set) var records: [JournalRecord]

    init(first: JournalRecord) {
        clientOrderID = first.clientOrderID
        records = [first]
    }

    mutating func append(_ record: JournalRecord) { records.append(record) }

    /// The fate by the one rule: the last line wins.
    public var fate: JournalFate {
        guard let last = records.last else { return .notSent }
        switch last.kind {
        case .intent:
            return .inFlight
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

    /// The order's identity, from the latest line that carries one.
    public var fingerprint: OrderFingerprint? { records.last(where: { $0.order != nil })?.order }

    /// When the order was handed to the broker: the latest intent's time.
    public var dispatchedAt: Date? { records.last(where: { $0.kind == .intent })?.timestamp }

    /// The largest value any line records (counted once per group).
    public var notional: Decimal? { records.compactMap(\.notional).max() }

    public var action: JournalRecord.Action? { records.first?.action }

    /// The broker's order id, from the latest line that has one.
    public var orderID: OrderID? { records.last(where: { $0.orderID != nil })?.orderID }

    /// For modifications: the client order id of the modified order.
    public var amends: ClientOrderID? { records.first(where: { $0.amends != nil })?.amends }
}
