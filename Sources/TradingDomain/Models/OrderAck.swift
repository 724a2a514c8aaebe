/// The broker's answer to a placement, modification or cancellation.
public struct OrderAck: Sendable, Hashable {
    public var orderID: OrderID
    /// The client order id the broker echoed (IBKR's local_order_id), when it did.
    public var clientOrderID: ClientOrderID?
    public var status: OrderStatus
    /// The broker's own status word, kept for people to read.
    public var brokerStatus: String?
    /// The broker's text (IBKR's `text`, `msg` or `warning_message`).
    public var message: String?
    /// For bracket placements: which leg this is. Nil when it could not be matched (never guessed).
    public var leg: BracketLeg?

    public init(
        orderID: OrderID, clientOrderID: ClientOrderID? = nil, status: OrderStatus, brokerStatus: String? = nil,
        message: String? = nil, leg: BracketLeg? = nil
    ) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.status = status
        self.brokerStatus = brokerStatus
        self.message = message
        self.leg = leg
    }
}
