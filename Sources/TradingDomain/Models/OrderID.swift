/// The broker's id of a placed order. IBKR sends it as digits in a string or as an integer; both become this text.
public struct OrderID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public init(_ value: Int) { self.value = String(value) }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func < (lhs: OrderID, rhs: OrderID) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}
