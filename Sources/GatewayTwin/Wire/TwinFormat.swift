import FoundationEssentials

/// Number formatting the way IBKR's wire shows it: prices as fixed-decimal strings, sizes with thousands
/// separators, volumes abbreviated, whatif money as `1,977.60 USD`.
enum TwinFormat {
    /// Rounds to `scale` (≥ 0) decimals: `.plain` half away from zero, `.up` toward +∞, `.down` toward −∞,
    /// `.bankers` half to even. Works on the decimal digits, since FoundationEssentials has no `NSDecimalRound`
    /// (and the twin may not borrow the domain's rounding: it is an independent model).
    static func round(_ value: Decimal, scale: Int, mode: Decimal.RoundingMode = .plain) -> Decimal {
        guard value.isFinite, value.exponent < -scale else { return value }
        let text = value.magnitude.description
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? Array(parts[1]) : []
        guard fraction.count > scale else { return value }
        let next = fraction[scale].wholeNumberValue ?? 0
        let tailNonZero = fraction[(scale + 1)...].contains { $0 != "0" }
        let kept = whole + String(fraction[..<scale])
        let lastOdd = (kept.last?.wholeNumberValue ?? 0) % 2 == 1
        let inexact = next > 0 || tailNonZero
        let bump: Bool
        switch mode {
        case .plain: bump = next >= 5
        case .bankers: bump = next > 5 || (next == 5 && (tailNonZero || lastOdd))
        case .up: bump = inexact && value > 0
        case .down: bump = inexact && value < 0
        @unknown default: bump = next >= 5
        }
        var magnitude = Decimal(string: kept) ?? 0
        if bump { magnitude += 1 }
        let shifted = Decimal(sign: .plus, exponent: -scale, significand: magnitude)
        return value < 0 ? -shifted : shifted
    }

    /// Rounds towards zero to `scale` decimals (fractional sizes are rounded down).
    static func roundDown(_ value: Decimal, scale: Int) -> Decimal {
        round(value, scale: scale, mode: value < 0 ? .up : .down)
    }

    /// `text` without the spaces and tabs around it (list items in query strings).
    static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// Fixed decimals, no grouping: `173.95`, `457.00`.
    static func fixed(_ value: Decimal, decimals: Int) -> String {
        let rounded = round(value, scale: decimals)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        var text = magnitude.description
        if decimals > 0 {
            if !text.contains(".") { text += "." }
            let fraction = text.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            text += String(repeating: "0", count: max(0, decimals - fraction.count))
        }
        return (negative ? "-" : "") + text
    }

    /// A price with two decimals.
    static func price(_ value: Decimal) -> String { fixed(value, decimals: 2) }

    /// Thousands separators on the integer part of a plain decimal string.
    static func grouped(_ value: Decimal, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        let integer = Array(pieces.first.map(String.init) ?? "0")
        var groups: [String] = []
        var end = integer.count
        while end > 0 {
            let start = max(0, end - 3)
            groups.insert(String(integer[start..<end]), at: 0)
            end = start
        }
        var result = groups.joined(separator: ",")
        if pieces.count > 1 { result += "." + pieces[1] }
        return (negative ? "-" : "") + result
    }

    /// Money in whatif style: grouping, and cents only when there are any (`1 USD`, `1,977.60 USD`).
    static func money(_ value: Decimal) -> String {
        let cents = round(value, scale: 2)
        return cents == round(cents, scale: 0) ? grouped(cents, decimals: 0) : grouped(cents, decimals: 2)
    }

    /// A quantity without trailing zeros: `10`, `0.0066`.
    static func quantity(_ value: Decimal) -> String {
        var text = value.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Volume as field 87 shows it: `83.9M`, `25.5K`, `900`.
    static func abbreviatedVolume(_ volume: Int) -> String {
        if volume >= 1_000_000 { return fixed(Decimal(volume) / 1_000_000, decimals: 1) + "M" }
        if volume >= 1000 { return fixed(Decimal(volume) / 1000, decimals: 1) + "K" }
        return String(volume)
    }

    /// Milliseconds since 1970 of a date, rounded.
    static func millis(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded())
    }
}
