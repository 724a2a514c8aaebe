import Foundation

/// Checks on `Decimal` inputs shared by the request types.
enum DecimalRules {
    /// True for a finite number strictly above zero.
    static func isPositive(_ value: Decimal) -> Bool {
        value.isFinite && !value.isNaN && value > 0
    }

    /// True when `value` has at most `places` digits after the decimal point.
    static func hasAtMostPlaces(_ value: Decimal, _ places: Int) -> Bool {
        rounded(value, places: places, mode: .plain) == value
    }

    /// `value` rounded to `places` decimals.
    static func rounded(_ value: Decimal, places: Int, mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, mode)
        return output
    }

    /// Rejects a price that is not a finite positive number.
    static func requirePositive(_ value: Decimal, field: String) throws(TradingError) {
        guard isPositive(value) else {
            throw TradingError.invalid(field, "must be a positive number (got \(value))")
        }
    }
}

extension Decimal {
    /// `self` rounded to `places` decimals (banker-free `.plain` rounding by default).
    public func rounded(places: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        DecimalRules.rounded(self, places: places, mode: mode)
    }
}
