import FoundationEssentials

/// How big an order is: a number of shares, or an amount of money (cash-sized market buys only). Being an enum,
/// an order cannot carry both or neither.
public enum OrderSize: Sendable, Hashable {
    /// Shares (fractions allowed; the adapter rounds to the instrument's increment).
    case quantity(Decimal)
    /// Money to spend, in whole cents (IBKR's cashQty).
    case cash(Decimal)

    /// The share count, when sized by quantity.
    public var quantity: Decimal? {
        if case .quantity(let value) = self { return value }
        return nil
    }

    /// The cash amount, when sized by cash.
    public var cashAmount: Decimal? {
        if case .cash(let value) = self { return value }
        return nil
    }

    func validate() throws(TradingError) {
        switch self {
        case .quantity(let value):
            guard DecimalRules.isPositive(value) else {
                throw TradingError.invalid("quantity", "must be a positive number of shares (got \(value))")
            }
        case .cash(let value):
            guard DecimalRules.isPositive(value) else {
                throw TradingError.invalid("cashAmount", "must be a positive amount of money (got \(value))")
            }
            guard DecimalRules.hasAtMostPlaces(value, 2) else {
                throw TradingError.invalid("cashAmount", "must be in whole cents (got \(value))")
            }
        }
    }
}
