import FoundationEssentials

/// A brokerage account id (`DU…` for IBKR paper accounts, `U…` for live ones).
public struct AccountID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: String

    /// Trims the id; an empty id is refused, so an unset account can never be mistaken for a real one.
    public init(_ raw: String) throws(TradingError) {
        let text = raw.trimmed()
        guard !text.isEmpty else {
            throw TradingError.invalid("accountID", "must not be empty")
        }
        value = text
    }

    public init(from decoder: any Decoder) throws {
        self = try AccountID(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}
