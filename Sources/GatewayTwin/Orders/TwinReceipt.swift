import FoundationEssentials

/// One order as the twin received it: the broker's own record of what reached it and when, for checks that must
/// not trust the client's view of what it sent (caps at the worst price, intent before send, one order per intent).
public struct TwinReceipt: Sendable, Hashable {
    /// A new order, or new terms for a working one.
    public enum Kind: String, Sendable { case placement, modification }

    /// Place on the run's shared event sequence (`TwinConfiguration.events`).
    public var sequence: Int
    public var receivedAt: Date
    public var kind: Kind
    public var orderId: Int
    public var account: String
    /// The `cOID` sent with the order (a modification carries the order's own).
    public var clientOrderID: String?
    /// The parent's `cOID` for a bracket child.
    public var parentClientOrderID: String?
    public var conid: Int
    /// `BUY` or `SELL`.
    public var side: String
    /// `MKT`, `LMT`, `STP`, `STOP_LIMIT` or `TRAIL`.
    public var orderType: String
    public var quantity: Decimal?
    public var cashQuantity: Decimal?
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    public var trailingAmount: Decimal?
    public var trailingPercent: Bool
    /// The market when the order arrived.
    public var bid: Decimal?
    public var ask: Decimal?
    public var last: Decimal?
}

extension TwinCore {
    /// Records an order (or its new terms) as received, on the shared event sequence.
    func recordReceipt(_ order: TwinOrder, kind: TwinReceipt.Kind) {
        let quote = market.quotes[order.conid]
        receipts.append(
            TwinReceipt(
                sequence: configuration.events.next(), receivedAt: now, kind: kind, orderId: order.orderId,
                account: order.account, clientOrderID: order.cOID, parentClientOrderID: order.parentCOID,
                conid: order.conid, side: order.side.rawValue, orderType: order.orderType.rawValue,
                quantity: order.totalQuantity, cashQuantity: order.cashQuantity, limitPrice: order.limitPrice,
                stopPrice: order.stopPrice, trailingAmount: order.trailingAmount,
                trailingPercent: order.trailingPercent, bid: quote?.bid, ask: quote?.ask, last: quote?.last))
    }
}
