import FoundationEssentials

/// Balances of the account. Values the broker did not report are nil, never zero.
public struct AccountSummary: Sendable, Hashable {
    public var accountID: AccountID
    public var currency: String
    public var availableFunds: Decimal?
    public var netLiquidation: Decimal?
    public var buyingPower: Decimal?

    public init(
        accountID: AccountID, currency: String, availableFunds: Decimal? = nil, netLiquidation: Decimal? = nil,
        buyingPower: Decimal? = nil
    ) {
        self.accountID = accountID
        self.currency = currency
        self.availableFunds = availableFunds
        self.netLiquidation = netLiquidation
        self.buyingPower = buyingPower
    }
}
