import FoundationEssentials

/// A ticker symbol, upper-cased and trimmed (`brk.b` becomes `BRK.B`).
public struct Symbol: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The normalised ticker text.
    public let value: String

    /// Characters a ticker may hold besides letters and digits (`BRK.B`, `BF-B`, `BRK B`).
    private static let punctuation: Set<Character> = [".", "-", "/", " "]

    /// Normalises and validates a ticker: 1 to 12 characters of letters, digits, `.`, `-`, `/` or inner spaces.
    public init(_ raw: String) throws(TradingError) {
        let text = raw.trimmed().uppercased()
        guard !text.isEmpty else {
            throw TradingError.invalid("symbol", "must not be empty")
        }
        guard text.count <= 12 else {
            throw TradingError.invalid("symbol", "must be at most 12 characters (got \"\(text)\")")
        }
        let valid = text.allSatisfy { character in
            (character.isASCII && (character.isLetter || character.isNumber)) || Self.punctuation.contains(character)
        }
        guard valid else {
            throw TradingError.invalid(
                "symbol", "may hold only letters, digits, '.', '-', '/' and spaces (got \"\(text)\")")
        }
        value = text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try Symbol(container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}
