import FoundationEssentials

/// Checks on `Decimal` inputs shared by the request types.
enum DecimalRules {
    /// True for a finite number strictly above zero.
    static func isPositive(_ value: Decimal) -> Bool {
        value.isFinite && !value.isNaN && value > 0
    }

    /// True when `value` has at most `places` digits after the decimal point.
    static func hasAtMostPlaces(_ value: Decimal, _ places: Int) -> Bool {
        value.rounded(places: places, mode: .plain) == value
    }

    /// Rejects a price that is not a finite positive number.
    static func requirePositive(_ value: Decimal, field: String) throws(TradingError) {
        guard isPositive(value) else {
            throw TradingError.invalid(field, "must be a positive number (got \(value))")
        }
    }
}

extension Decimal {
    /// `self` rounded to `places` (≥ 0) decimals: `.plain` rounds half away from zero, `.bankers` half to even,
    /// `.up` toward +∞ and `.down` toward −∞ (the meanings of Foundation's `NSDecimalRound`, which FoundationEssentials
    /// lacks; the tests compare the two on every mode).
    public func rounded(places: Int, mode: RoundingMode = .plain) -> Decimal {
        let places = Swift.max(0, places)
        // Already at most `places` decimals (the common case): nothing to do.
        guard isFinite, exponent < -places else { return self }
        var digits = Array(String(describing: magnitude).utf8)
        let point = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.count
        if point < digits.count { digits.remove(at: point) }
        let keep = point + places
        guard keep < digits.count else { return self }
        let dropped = digits[keep...]
        let first = dropped.first.map { Int($0) - 48 } ?? 0
        let restNonZero = dropped.dropFirst().contains { $0 != UInt8(ascii: "0") }
        var kept = Array(digits[..<keep])
        let odd = kept.last.map { (Int($0) - 48) % 2 == 1 } ?? false
        let negative = self < 0
        let away: Bool
        switch mode {
        case .plain: away = first >= 5
        case .bankers: away = first > 5 || (first == 5 && (restNonZero || odd))
        case .up: away = !negative && (first > 0 || restNonZero)
        case .down: away = negative && (first > 0 || restNonZero)
        @unknown default: away = first >= 5
        }
        if away {
            var index = kept.count - 1
            while index >= 0 && kept[index] == UInt8(ascii: "9") {
                kept[index] = UInt8(ascii: "0")
                index -= 1
            }
            if index >= 0 { kept[index] += 1 } else { kept.insert(UInt8(ascii: "1"), at: 0) }
        }
        let integerCount = kept.count - places
        var text = (negative ? "-" : "") + String(decoding: kept[..<integerCount], as: UTF8.self)
        if places > 0 { text += "." + String(decoding: kept[integerCount...], as: UTF8.self) }
        return Decimal(string: text) ?? self
    }
}

extension Decimal {
    /// The value rounded (`.plain`) to exactly `places` decimals, zeros kept: `1.5` with 2 places is `1.50`.
    public func fixed(places: Int) -> String {
        let places = Swift.max(0, places)
        let text = rounded(places: places).description
        guard places > 0 else { return text }
        let decimals = text.firstIndex(of: ".").map { text[text.index(after: $0)...].count }
        return text + (decimals == nil ? "." : "") + String(repeating: "0", count: places - (decimals ?? 0))
    }
}

extension Double {
    /// The value with exactly `places` decimals, for display (timings, sizes): `fixed(3)` of 0.1 is `0.100`.
    /// A value that is not finite prints as itself.
    public func fixed(_ places: Int) -> String {
        let decimal = Decimal(self)
        // Decimal holds about 1e-128 to 1e165; outside that (and for infinities and NaN) print the Double itself.
        guard isFinite, !decimal.isNaN else { return String(self) }
        return decimal.fixed(places: places)
    }
}
