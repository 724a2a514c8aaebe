import Foundation

/// The one place MCPKit turns values into bytes and back: compact, sorted keys, slashes unescaped, so every
/// line written is deterministic and free of embedded newlines.
public enum JSONCoding {
    /// Encodes a value as one compact line of JSON with sorted keys.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Encodes a `JSONValue` as a compact string with sorted keys (non-finite numbers become `null`).
    public static func string(_ value: JSONValue) -> String {
        JSONWriter.string(value)
    }

    /// Decodes one JSON document.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}
