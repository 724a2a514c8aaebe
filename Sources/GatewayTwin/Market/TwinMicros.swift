import FoundationEssentials

/// Prices inside the matching engine are whole millionths (`Int64`): exact for every price on a tick grid of
/// 0.000001 or coarser below 1,000,000,000, and compared in a nanosecond instead of the ~100 ns a `Decimal`
/// comparison costs. Money (cash, commissions, P&L) stays `Decimal`; only quotes and trigger prices use this.
enum TwinMicros {
    static let scale: Int64 = 1_000_000
    /// Largest price the engine accepts (keeps `price × 10^6` far inside `Int64`).
    static let maximum: Int64 = 1_000_000_000 * scale

    /// A decimal price in millionths, rounded to the nearest millionth; nil when out of range or not a number.
    ///
    /// The route through `Double` is exact here: a value below 10^9 with at most six decimals has at most 15
    /// significant digits, so the `Double` is within 10^-7 of it and rounding recovers the integer.
    static func from(_ price: Decimal) -> Int64? {
        guard price.isFinite else { return nil }
        let scaled = ((Double(price.description) ?? .nan) * 1_000_000).rounded()
        guard scaled.isFinite, abs(scaled) <= Double(maximum) else { return nil }
        return Int64(scaled)
    }

    /// The decimal value of a price in millionths.
    static func decimal(_ micros: Int64) -> Decimal {
        let magnitude = Decimal(micros.magnitude)
        return Decimal(sign: micros < 0 ? .minus : .plus, exponent: -6, significand: magnitude)
    }
}
