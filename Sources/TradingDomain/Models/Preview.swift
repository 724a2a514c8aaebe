import FoundationEssentials

/// What the broker says an order would cost, without placing it (IBKR's whatif).
public struct Preview: Sendable, Hashable {
    public var symbol: Symbol
    public var side: OrderSide
    public var commission: Decimal?
    /// The order's amount, including commission when the broker gives a total.
    public var amount: Decimal?
    public var marginChange: Decimal?
    public var equityChange: Decimal?
    public var availableFundsBefore: Decimal?
    public var availableFundsAfter: Decimal?
    /// The broker's warnings, as plain text.
    public var warnings: [String]

    public init(
        symbol: Symbol, side: OrderSide, commission: Decimal? = nil, amount: Decimal? = nil,
        marginChange: Decimal? = nil, equityChange: Decimal? = nil, availableFundsBefore: Decimal? = nil,
        availableFundsAfter: Decimal? = nil, warnings: [String] = []
    ) {
        self.symbol = symbol
        self.side = side
        self.commission = commission
        self.amount = amount
        self.marginChange = marginChange
        self.equityChange = equityChange
        self.availableFundsBefore = availableFundsBefore
        self.availableFundsAfter = availableFundsAfter
        self.warnings = warnings
    }
}
