import FoundationEssentials
import TradingDomain

/// The adapter's view of the account's live orders: IBKR's last answer to `GET /iserver/account/orders`, kept up to
/// date with what Valet itself did since (placements, modifications, cancels) and what order-status calls said.
///
/// IBKR paces that endpoint at 1 request per 5 s and answers its first call after a login with an empty
/// subscription (`snapshot: false`, cpapi.md §6.9), so asking it on every call spends seconds for an answer that
/// differs from the view only by what happened outside Valet in the meantime. The view answers only while a real
/// listing is younger than `freshness` (IBKR's own window for the endpoint); an older view is refreshed from the
/// gateway, which by then costs no pacing wait.
struct LiveOrdersView: Sendable {
    /// How long a gateway answer stands for the live list: IBKR's pacing window of the endpoint (1 per 5 s).
    static let freshness: TimeInterval = 5

    /// The orders, by id.
    private(set) var orders: [OrderID: Order] = [:]
    /// The order of first appearance (the gateway's order, then Valet's own placements), for a stable listing.
    private(set) var sequence: [OrderID] = []
    /// When the gateway last listed the live orders (`snapshot: true`); nil until it did in this brokerage session.
    /// Before that, orders placed outside Valet (or on earlier days) are unknown, so the view never answers alone.
    private(set) var answeredAt: Date?
    /// The subscribing first call was made in this brokerage session (at login).
    var feedOpened = false
    /// True after an order change whose outcome is unknown (a lost answer): IBKR may hold an order the view does
    /// not, so only a real listing may answer until one arrives.
    var uncertain = false

    /// Whether the view may stand for the gateway's answer at `now`.
    func isFresh(at now: Date) -> Bool {
        guard !uncertain, let answeredAt else { return false }
        return now.timeIntervalSince(answeredAt) < Self.freshness
    }

    /// The orders, in the order they appeared.
    var list: [Order] { sequence.compactMap { orders[$0] } }

    /// Replaces the view with a real listing from the gateway: IBKR's answer is the truth, Valet's own records
    /// only amend it until the next listing.
    mutating func replace(with listing: [Order], at now: Date) {
        orders = [:]
        sequence = []
        for order in listing { upsert(order) }
        answeredAt = now
        feedOpened = true
        uncertain = false
    }

    /// Adds or replaces one order, keeping the client order id an earlier record knew (order status omits it).
    mutating func upsert(_ order: Order) {
        var order = order
        if let known = orders[order.orderID] {
            order.clientOrderID = order.clientOrderID ?? known.clientOrderID
        } else {
            sequence.append(order.orderID)
        }
        orders[order.orderID] = order
    }

    /// Records a placement or modification Valet made, from the request it sent and IBKR's acknowledgement.
    mutating func record(_ ack: OrderAck, request: OrderRequest, contractID: ContractID?) {
        var order =
            orders[ack.orderID]
            ?? Order(orderID: ack.orderID, status: ack.status)
        order.clientOrderID = ack.clientOrderID ?? order.clientOrderID
        order.symbol = request.symbol
        order.contractID = contractID ?? order.contractID
        order.side = request.side
        order.typeKind = request.type.kind
        order.status = ack.status
        order.brokerStatus = ack.brokerStatus
        order.quantity = request.quantity ?? order.quantity
        order.limitPrice = request.type.limitPrice
        order.stopPrice = request.type.stopPrice
        order.timeInForce = request.timeInForce
        upsert(order)
    }

    /// Records a cancel request IBKR acknowledged.
    mutating func recordCancel(_ ack: OrderAck) {
        guard var order = orders[ack.orderID] else { return }
        order.status = ack.status
        order.brokerStatus = ack.brokerStatus ?? order.brokerStatus
        upsert(order)
    }
}
