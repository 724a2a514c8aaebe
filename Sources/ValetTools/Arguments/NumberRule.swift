import FoundationEssentials
import MCPKit

/// What a numeric argument may hold. Arguments arrive as JSON numbers (binary floating point) or as decimal strings
/// (the form Valet's own results use, e.g. a fill's `"0.2631"` copied into a sell); each becomes an exact `Decimal`
/// through `NumberRule.decimal`, the one place such a conversion happens.
struct NumberRule: Sendable, Equatable {
    /// Digits allowed after the decimal point.
    var places: Int
    /// The largest value accepted: anything above is a typo or an attack, never an order.
    var maximum: Decimal
    /// Whether zero is a meaningful value (a timeout), or refused (a price, a quantity).
    var allowsZero: Bool = false

    /// Shares: up to 4 decimals (IBKR's fractional increment), at most a million.
    static let quantity = NumberRule(places: 4, maximum: 1_000_000)
    /// Money to spend: whole cents, at most a billion.
    static let cash = NumberRule(places: 2, maximum: 1_000_000_000)
    /// A price: up to 4 decimals (sub-penny ticks under $1), at most a million.
    static let price = NumberRule(places: 4, maximum: 1_000_000)
    /// A trailing percentage: strictly between 0 and 100, up to 2 decimals.
    static let percent = NumberRule(places: 2, maximum: Decimal(string: "99.99") ?? 99)

    /// Converts a JSON number to an exact Decimal, refusing anything that is not a plain, sensible number:
    /// non-numbers, NaN and infinity, negatives, zero (unless allowed), too many decimals, absurdly large values.
    /// The message names the argument.
    func decimal(_ value: JSONValue, argument: String) throws(ToolFailure) -> Decimal {
        let decimal: Decimal
        switch value {
        case .int(let integer):
            decimal = Decimal(integer)
        case .double(let number):
            guard number.isFinite else {
                throw ToolFailure.invalid(argument, "must be a finite number")
            }
            // Range first: a huge double's text is not worth converting.
            guard abs(number) <= 1e15 else {
                throw ToolFailure.invalid(argument, "must be at most \(maximum) (got an absurdly large number)")
            }
            // The shortest text that round-trips is what the agent wrote (0.1 stays 0.1, not 0.1000000000000000055).
            guard let parsed = Decimal(string: "\(number)", locale: Locale(identifier: "en_US_POSIX")) else {
                throw ToolFailure.invalid(argument, "must be a number")
            }
            decimal = parsed
        case .string(let text):
            // Parsed from the text itself, never through a Double: "0.2631" is exactly 0.2631.
            guard let parsed = Self.plainDecimal(text) else {
                let shown = text.count > 20 ? String(text.prefix(20)) + "…" : text
                throw ToolFailure.invalid(
                    argument,
                    "must be a number or a plain decimal string such as \"50\" or \"0.2631\" (got \"\(Self.printable(shown))\")"
                )
            }
            decimal = parsed
        default:
            throw ToolFailure.invalid(argument, "must be a number, not \(value.typeName)")
        }
        guard !decimal.isNaN, decimal.isFinite else {
            throw ToolFailure.invalid(argument, "must be a finite number")
        }
        if decimal < 0 {
            throw ToolFailure.invalid(argument, "must not be negative (got \(decimal))")
        }
        if decimal == 0 && !allowsZero {
            throw ToolFailure.invalid(argument, "must be greater than zero")
        }
        if decimal > maximum {
            throw ToolFailure.invalid(argument, "must be at most \(maximum) (got \(decimal))")
        }
        guard decimal.rounded(places: places) == decimal else {
            throw ToolFailure.invalid(
                argument, "allows at most \(places) decimal place\(places == 1 ? "" : "s") (got \(decimal))")
        }
        return decimal
    }

    /// The value of a plain decimal text: optional minus, digits, optionally a point and more digits (`50`,
    /// `0.2631`, `-1`); surrounding spaces allowed. Nil for anything else (exponents, `NaN`, separators, signs
    /// written twice, more than 30 characters), so only what a person would read as one number is accepted.
    static func plainDecimal(_ text: String) -> Decimal? {
        let trimmed = text.trimmed()
        guard !trimmed.isEmpty, trimmed.count <= 30 else { return nil }
        let body = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Control characters replaced, so a message never carries raw control bytes.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }
}
