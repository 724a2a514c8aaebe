/// The broker's numeric instrument id (IBKR's conid).
public struct ContractID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func < (lhs: ContractID, rhs: ContractID) -> Bool { lhs.value < rhs.value }

    public var description: String { String(value) }
}
