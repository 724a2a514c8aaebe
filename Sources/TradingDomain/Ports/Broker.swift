/// The brokerage an order finally goes to (the IBKR adapter, or a test double).
///
/// Everything thrown should be a `TradingError`. For `place`, `placeBracket` and `modify` the code decides how the
/// attempt is journaled: `.outcomeUnknown` / `.unexpectedResponse` mean the order may exist (a resend is blocked
/// until reconciled); every other code means nothing was placed. Any other error type counts as unknown.
///
/// Only `GuardedBroker` may hold a `Broker` that places orders; tools see `GuardedBroker` alone.
public protocol Broker: Sendable {
    /// The account the broker is logged into and whether it is paper, straight from the broker.
    func accountIdentity() async throws -> AccountIdentity

    /// Places one order under `clientOrderID`. A retry of the same intent must reuse that id.
    func place(_ order: OrderRequest, clientOrderID: ClientOrderID) async throws -> OrderAck

    /// Places a bracket in one request: the entry under `clientOrderID`, the exits under
    /// `clientOrderID.child(.takeProfit)` and `clientOrderID.child(.stopLoss)`; the exits cancel each other.
    /// Returns one acknowledgement per leg it could match.
    func placeBracket(_ bracket: BracketRequest, clientOrderID: ClientOrderID) async throws -> [OrderAck]

    /// What the order would cost, without placing it.
    func preview(_ order: OrderRequest) async throws -> Preview

    /// Replaces a working order's parameters with `order`'s.
    func modify(_ orderID: OrderID, to order: OrderRequest) async throws -> OrderAck

    /// Asks the broker to cancel an order; the acknowledgement may still say `pending`.
    func cancel(_ orderID: OrderID) async throws -> OrderAck

    /// The current state of one order.
    func orderStatus(_ orderID: OrderID) async throws -> Order

    /// Orders the broker currently lists for the account (working and recently finished).
    func openOrders() async throws -> [Order]

    /// Fills of the last `days` days (the broker may cap the range).
    func executions(days: Int) async throws -> [Execution]

    /// Holdings with a non-zero quantity.
    func positions() async throws -> [Position]

    /// Balances of the account.
    func accountSummary() async throws -> AccountSummary
}
