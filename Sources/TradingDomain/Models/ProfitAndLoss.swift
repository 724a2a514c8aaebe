import FoundationEssentials

/// The account's profit and loss as the broker reports it; a figure it did not send is nil.
public struct ProfitAndLoss: Sendable, Hashable {
    public var accountID: String
    /// Today's profit and loss (realized plus unrealized change since the prior close).
    public var daily: Decimal?
    public var unrealized: Decimal?
    public var realized: Decimal?
    public var netLiquidation: Decimal?
    public var marketValue: Decimal?

    public init(
        accountID: String, daily: Decimal?, unrealized: Decimal?, realized: Decimal?, netLiquidation: Decimal?,
        marketValue: Decimal?
    ) {
        self.accountID = accountID
        self.daily = daily
        self.unrealized = unrealized
        self.realized = realized
        self.netLiquidation = netLiquidation
        self.marketValue = marketValue
    }
}
