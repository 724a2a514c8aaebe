import FoundationEssentials
import TradingDomain

/// A `Decimal` on its way to (or from) IBKR's wire, where the gateway wants JSON numbers.
///
/// This is the one place money becomes a float (DESIGN.md §4). Values are rounded as `Decimal` first and only
/// then converted to the nearest `Double`, whose shortest printed form (`JSONEncoder` uses it) is exactly the
/// rounded decimal text for every value with at most 15 significant digits — so `101.35` goes out as
/// `101.35`, never `101.34999999999999`.
///
/// Rounding rules:
/// - **Prices** snap to a multiple of the tick (`0.01` for US stocks above $1): `.nearest` (ties away from
///   zero), or `.down` / `.up` (toward negative / positive infinity) when the caller wants the conservative
///   side — a buy limit rounded down never pays more than asked, a sell limit rounded up never sells for less.
/// - **Quantities** round **down** to `fraqInt` decimals (4 for US stocks, 0 when fractions are not allowed),
///   so a sell never exceeds the position it came from. Negative quantities are refused.
/// - **Cash** amounts round **down** to cents, so a cash-sized buy never spends more than asked. Negative
///   amounts are refused.
public struct WireDecimal: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// Direction for snapping a price to the tick.
    public enum PriceRounding: Sendable, Equatable {
        case nearest
        case down
        case up
    }

    /// The rounded value.
    public let value: Decimal

    /// Wraps a value already known to be on the wire grid (e.g. read back from IBKR).
    public init(exactly value: Decimal) {
        self.value = value
    }

    /// A price snapped to `tick`.
    /// - Throws: `WireValueError` for NaN or a tick that is not positive.
    public static func price(_ price: Decimal, tick: Decimal, rounding: PriceRounding = .nearest) throws -> WireDecimal
    {
        try requireNumber(price, what: "price")
        guard !tick.isNaN, tick > 0 else {
            throw WireValueError(
                code: .invalidTick, message: "tick \(tick) is not a positive number",
                hint: "read the tick from the contract rules (`increment`); US stocks use 0.01")
        }
        let steps = price / tick
        let mode: Decimal.RoundingMode
        switch rounding {
        case .nearest: mode = .plain
        case .down: mode = .down  // `.down` rounds toward negative infinity
        case .up: mode = .up
        }
        return WireDecimal(exactly: steps.rounded(places: 0, mode: mode) * tick)
    }

    /// A quantity rounded down to `decimals` places (IBKR's `fraqInt`).
    /// - Throws: `WireValueError` for NaN, a negative quantity, a decimals count outside 0…10, or a
    ///   positive quantity that rounds down to zero.
    public static func quantity(_ quantity: Decimal, decimals: Int) throws -> WireDecimal {
        try requireNumber(quantity, what: "quantity")
        guard (0...10).contains(decimals) else {
            throw WireValueError(
                code: .invalidDecimals, message: "fraqInt \(decimals) is outside 0…10",
                hint: "read `fraqInt` from the contract rules; 4 for US stocks, 0 for whole shares only")
        }
        guard quantity >= 0 else {
            throw WireValueError(
                code: .negative, message: "quantity \(quantity) is negative",
                hint: "send a positive quantity and choose the side with BUY/SELL")
        }
        let rounded = quantity.rounded(places: decimals, mode: .down)
        if quantity > 0 && rounded == 0 {
            throw WireValueError(
                code: .roundedToZero,
                message: "quantity \(quantity) rounds down to 0 with \(decimals) decimal(s) allowed",
                hint: "use at least \(smallestStep(decimals)) for this instrument")
        }
        return WireDecimal(exactly: rounded)
    }

    /// A cash amount rounded down to cents.
    /// - Throws: `WireValueError` for NaN, a negative amount, or a positive amount below one cent.
    public static func cash(_ amount: Decimal) throws -> WireDecimal {
        try requireNumber(amount, what: "cash amount")
        guard amount >= 0 else {
            throw WireValueError(
                code: .negative, message: "cash amount \(amount) is negative", hint: "send a positive amount")
        }
        let rounded = amount.rounded(places: 2, mode: .down)
        if amount > 0 && rounded == 0 {
            throw WireValueError(
                code: .roundedToZero, message: "cash amount \(amount) is below one cent", hint: "use at least 0.01")
        }
        return WireDecimal(exactly: rounded)
    }

    /// The JSON number sent to IBKR.
    public var double: Double {
        Double(value.description) ?? 0
    }

    /// Reads a wire number back as a `Decimal` through its shortest decimal text, so `0.1` becomes exactly
    /// `0.1` (not `0.1000000000000000055…`). Nil for NaN or infinity.
    public static func decimal(fromWire double: Double) -> Decimal? {
        guard double.isFinite else { return nil }
        return Decimal(string: "\(double)", locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Encodes as a JSON number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(double)
    }

    /// Decodes a JSON number, or a numeric string (IBKR sends many numbers as strings), by the adapter's one
    /// reader of wire numbers (`FlexDecimal`), so text such as `"12abc"` is refused rather than read as 12.
    public init(from decoder: any Decoder) throws {
        guard let value = try FlexDecimal(from: decoder).value else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a number or a numeric string"))
        }
        self.init(exactly: value)
    }

    public var description: String { value.description }

    private static func requireNumber(_ value: Decimal, what: String) throws {
        guard !value.isNaN else {
            throw WireValueError(code: .notANumber, message: "\(what) is not a number", hint: "pass a finite decimal")
        }
    }

    private static func smallestStep(_ decimals: Int) -> String {
        decimals == 0 ? "1" : "0." + String(repeating: "0", count: decimals - 1) + "1"
    }
}
