import FoundationEssentials
import MCPKit
import TradingDomain

/// A tool's arguments with typed, checked accessors. Every accessor throws a `ToolFailure` naming the argument;
/// `null` counts as absent, as the reference's optional arguments default to null.
struct ToolArguments: Sendable {
    let values: [String: JSONValue]

    /// Refuses arguments the tool does not know (a misspelt `limit_prce` must not be ignored silently).
    init(_ values: [String: JSONValue], known: [String]) throws(ToolFailure) {
        let unknown = values.keys.filter { !known.contains($0) }.sorted()
        if let first = unknown.first {
            let listed = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw ToolFailure.invalid(
                NumberRule.printable(String(first.prefix(40))), "is not an argument of this tool (known: \(listed))")
        }
        self.values = values
    }

    /// A number checked by `rule`, or nil when absent.
    func decimal(_ name: String, _ rule: NumberRule) throws(ToolFailure) -> Decimal? {
        guard let value = values[name], value != .null else { return nil }
        return try rule.decimal(value, argument: name)
    }

    func requiredDecimal(_ name: String, _ rule: NumberRule) throws(ToolFailure) -> Decimal {
        guard let value = try decimal(name, rule) else { throw ToolFailure.invalid(name, "is required") }
        return value
    }

    /// A string, refused when empty, longer than `maxLength`, or holding control characters.
    func string(_ name: String, maxLength: Int = 64) throws(ToolFailure) -> String? {
        guard let value = values[name], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw ToolFailure.invalid(name, "must be a string, not \(value.typeName)")
        }
        let trimmed = text.trimmed()
        guard !trimmed.isEmpty else { throw ToolFailure.invalid(name, "must not be empty") }
        guard text.count <= maxLength else {
            throw ToolFailure.invalid(name, "must be at most \(maxLength) characters (got \(text.count))")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ToolFailure.invalid(name, "must not contain control characters")
        }
        return trimmed
    }

    func requiredString(_ name: String, maxLength: Int = 64) throws(ToolFailure) -> String {
        guard let text = try string(name, maxLength: maxLength) else { throw ToolFailure.invalid(name, "is required") }
        return text
    }

    /// A ticker symbol (`AAPL`, `BRK.B`).
    func symbol(_ name: String = "symbol") throws(ToolFailure) -> Symbol {
        try Self.symbol(requiredString(name, maxLength: 12), argument: name)
    }

    static func symbol(_ text: String, argument: String) throws(ToolFailure) -> Symbol {
        do {
            return try Symbol(text)
        } catch {
            throw ToolFailure.invalid(
                argument, "must be a ticker of letters, digits, '.', '-', '/' or spaces (got \"\(text)\")",
                hint: "use the exchange ticker, e.g. AAPL or BRK.B")
        }
    }

    /// `BUY` or `SELL` (any case); `fallback` when absent.
    func side(_ name: String = "side", default fallback: OrderSide? = nil) throws(ToolFailure) -> OrderSide {
        guard let text = try string(name, maxLength: 8) else {
            guard let fallback else { throw ToolFailure.invalid(name, "is required (BUY or SELL)") }
            return fallback
        }
        guard let side = OrderSide(rawValue: text.uppercased()) else {
            throw ToolFailure.invalid(name, "must be BUY or SELL (got \"\(text)\")")
        }
        return side
    }

    /// `GTC` or `DAY` (any case); `fallback` when absent.
    func timeInForce(_ name: String = "time_in_force", default fallback: TimeInForce) throws(ToolFailure)
        -> TimeInForce
    {
        guard let text = try string(name, maxLength: 8) else { return fallback }
        guard let value = TimeInForce(rawValue: text.uppercased()) else {
            throw ToolFailure.invalid(name, "must be GTC or DAY (got \"\(text)\")")
        }
        return value
    }

    /// A broker order id: digits, letters, '-' or '_', given as a string or as a whole number (IBKR's ids are
    /// digits, and a result's `"order_id": "1234"` is easily passed back as 1234).
    func orderID(_ name: String = "order_id") throws(ToolFailure) -> OrderID {
        if case .int(let number)? = values[name] {
            guard number >= 0 else { throw ToolFailure.invalid(name, "must not be negative (got \(number))") }
            return OrderID(String(number))
        }
        switch values[name] {
        case nil, .null?, .string?: break
        case let other?: throw ToolFailure.invalid(name, "must be a string or a whole number, not \(other.typeName)")
        }
        let text = try requiredString(name, maxLength: 64)
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ToolFailure.invalid(name, "may hold only letters, digits, '-' and '_' (got \"\(text)\")")
        }
        return OrderID(text)
    }

    /// A boolean; `fallback` when absent.
    func bool(_ name: String, default fallback: Bool) throws(ToolFailure) -> Bool {
        guard let value = values[name], value != .null else { return fallback }
        guard case .bool(let flag) = value else {
            throw ToolFailure.invalid(name, "must be true or false, not \(value.typeName)")
        }
        return flag
    }

    /// A whole number in `range`; `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(ToolFailure) -> Int {
        guard let value = values[name], value != .null else { return fallback }
        let number: Int
        switch value {
        case .int(let integer):
            number = integer
        case .double(let double) where double.isFinite && double.rounded() == double && abs(double) < 1e9:
            number = Int(double)
        case .string(let text) where Int(text.trimmed()).map({ abs($0) < 1_000_000_000 }) == true:
            // A whole number written as text ("20"), as the results write numbers.
            number = Int(text.trimmed()) ?? fallback
        default:
            throw ToolFailure.invalid(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(number) else {
            throw ToolFailure.invalid(
                name, "must be from \(range.lowerBound) to \(range.upperBound) (got \(number))")
        }
        return number
    }
}
