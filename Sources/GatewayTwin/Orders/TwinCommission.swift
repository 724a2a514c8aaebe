import FoundationEssentials

/// IBKR's fixed US-stock commission schedule: USD 0.005 a share, at least USD 1.00 an order (USD 0.01 when the
/// order's size is fractional), at most 1% of the trade value. Rounded to cents.
enum TwinCommission {
    static let perShare = Decimal(string: "0.005") ?? 0
    static let minimum: Decimal = 1
    static let fractionalMinimum = Decimal(string: "0.01") ?? 0
    static let maximumRate = Decimal(string: "0.01") ?? 0

    /// Commission for an order that has executed `quantity` shares worth `value` in total.
    static func fixed(quantity: Decimal, value: Decimal) -> Decimal {
        guard quantity > 0 else { return 0 }
        let isFractional = TwinFormat.round(quantity, scale: 0, mode: .down) != quantity
        let floor = isFractional ? fractionalMinimum : minimum
        let raw = max(ShortDecimal.multiply(quantity, perShare), floor)
        let capped = min(raw, ShortDecimal.multiply(value, maximumRate))
        return TwinFormat.round(max(capped, isFractional ? fractionalMinimum : 0), scale: 2)
    }
}
