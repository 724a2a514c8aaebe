import FoundationEssentials

/// One fill reported by the broker (IBKR's trades endpoint).
public struct Execution: Sendable, Hashable {
    public var executionID: String
    public var symbol: Symbol
    public var contractID: ContractID?
    /// Nil when the broker did not report a buy or a sell (IBKR's netting side `N`).
    public var side: OrderSide?
    public var quantity: Decimal
    public var price: Decimal
    public var time: Date
    public var orderID: OrderID?
    public var clientOrderID: ClientOrderID?
    public var commission: Decimal?
    public var netAmount: Decimal?

    public init(
        executionID: String, symbol: Symbol, contractID: ContractID? = nil, side: OrderSide?, quantity: Decimal,
        price: Decimal, time: Date, orderID: OrderID? = nil, clientOrderID: ClientOrderID? = nil,
        commission: Decimal? = nil, netAmount: Decimal? = nil
    ) {
        self.executionID = executionID
        self.symbol = symbol
        self.contractID = contractID
        self.side = side
        self.quantity = quantity
        self.price = price
        self.time = time
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.commission = commission
        self.netAmount = netAmount
    }
}
