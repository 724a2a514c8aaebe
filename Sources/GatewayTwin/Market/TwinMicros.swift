import FoundationEssentials

/// Prices inside the matching engine are whole millionths (`Int64`): exact for every price on a tick grid of
/// 0.000001 or coarser below 1,000,000,000, and compared in a nanosecond instead of the ~100 ns a `Decimal`
/// comparison costs. Money (cash, commissions, P&L) stays `Decimal`; only quotes and trigger prices use this.
enum TwinMicros {
    static let scale: Int64 = 1_000_000
    /// Largest price the engine accepts (keeps `price × 10^6` far inside `Int64`).
    static let maximum: Int64 = 1_000_000_000 * scale

    /// A decimal price in millionths, rounded half away from zero to the nearest millionth; nil when out of range
    /// or not a number. Integer arithmetic on the decimal's parts, so exact.
    static func from(_ price: Decimal) -> Int64? {
        guard price.isFinite else { return nil }
        guard let parts = DecimalParts(price) else { return fromText(price) }
        var magnitude = parts.mantissa
        let shift = parts.exponent + 6
        if shift >= 0 {
            for _ in 0..<shift {
                guard magnitude <= UInt64(maximum) else { return nil }
                magnitude *= 10
            }
        } else {
            // More than six decimals: divide, rounding the dropped digits half away from zero.
            guard shift > -20 else { return 0 }
            var divisor: UInt64 = 1
            for _ in 0..<(-shift) { divisor *= 10 }
            let remainder = magnitude % divisor
            magnitude = magnitude / divisor + (remainder >= divisor - remainder ? 1 : 0)
        }
        guard magnitude <= UInt64(maximum) else { return nil }
        return parts.negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// The same through the decimal's text, for a value whose parts cannot be read (see `DecimalParts`). Rounded
    /// to six decimals first, exactly, so what reaches `Double` is below 10^9 with at most six decimals: at most 15
    /// significant digits, which a `Double` holds.
    static func fromText(_ price: Decimal) -> Int64? {
        let micros = TwinFormat.round(price, scale: 6)
        let scaled = ((Double(micros.description) ?? .nan) * 1_000_000).rounded()
        guard scaled.isFinite, abs(scaled) <= Double(maximum) else { return nil }
        return Int64(scaled)
    }

    /// The decimal value of a price in millionths.
    static func decimal(_ micros: Int64) -> Decimal {
        let magnitude = Decimal(micros.magnitude)
        return Decimal(sign: micros < 0 ? .minus : .plus, exponent: -6, significand: magnitude)
    }
}
