import FoundationEssentials

/// How far a trailing stop follows the market: a fixed amount of money, or a percentage of the price.
public enum TrailingOffset: Sendable, Hashable {
    case amount(Decimal)
    case percent(Decimal)

    /// Checks the offset: an amount above zero, or a percentage strictly between 0 and 100.
    func validate() throws(TradingError) {
        switch self {
        case .amount(let value):
            try DecimalRules.requirePositive(value, field: "trailAmount")
        case .percent(let value):
            guard DecimalRules.isPositive(value), value < 100 else {
                throw TradingError.invalid("trailPercent", "must be above 0 and below 100 (got \(value))")
            }
        }
    }

    /// The distance from `price` the stop trails at.
    public func distance(from price: Decimal) -> Decimal {
        switch self {
        case .amount(let value): return value
        case .percent(let value): return price * value / 100
        }
    }
}
