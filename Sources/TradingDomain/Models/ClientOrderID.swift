/// Our own id for an order intent, sent to the broker (IBKR's cOID) and echoed back, so an order whose outcome is
/// unknown can be found again. One id names one intent: every resend of that intent reuses it.
public struct ClientOrderID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: String

    /// Validates an id: 1 to 64 characters of letters, digits, `-` or `_`.
    public init(_ value: String) throws(TradingError) {
        guard !value.isEmpty, value.count <= 64 else {
            throw TradingError.invalid("clientOrderID", "must be 1 to 64 characters (got \(value.count))")
        }
        guard value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw TradingError.invalid("clientOrderID", "may hold only letters, digits, '-' and '_'")
        }
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        self = try ClientOrderID(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func < (lhs: ClientOrderID, rhs: ClientOrderID) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}

extension ClientOrderID {
    /// The id of a bracket leg derived from the entry's id (`<id>-tp`, `<id>-sl`), so a resend names the same legs.
    public func child(_ leg: BracketLeg) -> ClientOrderID {
        let suffix: String
        switch leg {
        case .entry: return self
        case .takeProfit: suffix = "-tp"
        case .stopLoss: suffix = "-sl"
        }
        // Keep within 64 characters by trimming the base, never the suffix.
        let base = String(value.prefix(64 - suffix.count))
        return (try? ClientOrderID(base + suffix)) ?? self
    }
}
