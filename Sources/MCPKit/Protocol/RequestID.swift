/// A JSON-RPC request id: a string or an integer (MCP forbids null).
public enum RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case int(Int)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        }
    }

    /// The id as a JSON value, for echoing it back.
    public var json: JSONValue {
        switch self {
        case .string(let value): return .string(value)
        case .int(let value): return .int(value)
        }
    }

    /// Reads an id from a JSON value; nil when the value is not a string or an integer.
    public init?(json: JSONValue) {
        switch json {
        case .string(let value): self = .string(value)
        case .int(let value): self = .int(value)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .string(let value): return "\"\(value)\""
        case .int(let value): return String(value)
        }
    }
}
