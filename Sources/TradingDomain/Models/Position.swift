import FoundationEssentials

/// A holding in the account. `quantity` is signed: negative means short.
public struct Position: Sendable, Hashable {
    public var symbol: Symbol
    public var contractID: ContractID?
    public var quantity: Decimal
    public var averageCost: Decimal?
    public var marketPrice: Decimal?
    public var marketValue: Decimal?
    public var unrealizedPnL: Decimal?

    public init(
        symbol: Symbol, contractID: ContractID? = nil, quantity: Decimal, averageCost: Decimal? = nil,
        marketPrice: Decimal? = nil, marketValue: Decimal? = nil, unrealizedPnL: Decimal? = nil
    ) {
        self.symbol = symbol
        self.contractID = contractID
        self.quantity = quantity
        self.averageCost = averageCost
        self.marketPrice = marketPrice
        self.marketValue = marketValue
        self.unrealizedPnL = unrealizedPnL
    }
}
