import FoundationEssentials

/// An order as the broker reports it (order status, open orders).
public struct Order: Sendable, Hashable {
    public var orderID: OrderID
    /// Our client order id, when the broker echoes it (IBKR's order_ref).
    public var clientOrderID: ClientOrderID?
    public var symbol: Symbol?
    public var contractID: ContractID?
    /// Nil when the broker did not say; never guessed.
    public var side: OrderSide?
    public var typeKind: OrderType.Kind?
    public var status: OrderStatus
    /// The broker's own status word (`PreSubmitted`, `Inactive`, …), kept for people to read.
    public var brokerStatus: String?
    public var quantity: Decimal?
    public var filledQuantity: Decimal?
    public var remainingQuantity: Decimal?
    public var averagePrice: Decimal?
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    public var timeInForce: TimeInForce?
    /// The broker's description of the order (`Buy 1 Limit 457.00, GTC`).
    public var brokerDescription: String?

    public init(
        orderID: OrderID, clientOrderID: ClientOrderID? = nil, symbol: Symbol? = nil, contractID: ContractID? = nil,
        side: OrderSide? = nil, typeKind: OrderType.Kind? = nil, status: OrderStatus, brokerStatus: String? = nil,
        quantity: Decimal? = nil, filledQuantity: Decimal? = nil, remainingQuantity: Decimal? = nil,
        averagePrice: Decimal? = nil, limitPrice: Decimal? = nil, stopPrice: Decimal? = nil,
        timeInForce: TimeInForce? = nil, brokerDescription: String? = nil
    ) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.contractID = contractID
        self.side = side
        self.typeKind = typeKind
        self.status = status
        self.brokerStatus = brokerStatus
        self.quantity = quantity
        self.filledQuantity = filledQuantity
        self.remainingQuantity = remainingQuantity
        self.averagePrice = averagePrice
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.timeInForce = timeInForce
        self.brokerDescription = brokerDescription
    }
}
