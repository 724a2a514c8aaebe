import FoundationEssentials

/// A JSON value as the twin writes it: keys always sorted, and numbers kept in the exact form IBKR uses
/// (`1` for integers, `100.0` for float-typed fields, `"173.95"` where IBKR sends strings).
public indirect enum TwinJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integer-typed number, written without a decimal point.
    case int(Int)
    /// A float-typed number, always written with a decimal point (`100.0`, `985376.94`).
    case float(Decimal)
    case string(String)
    case array([TwinJSON])
    case object([String: TwinJSON])

    /// A float-typed value or `null` when absent.
    static func float(_ value: Decimal?) -> TwinJSON {
        value.map { .float($0) } ?? .null
    }

    /// A string value or `null` when absent.
    static func string(_ value: String?) -> TwinJSON {
        value.map { .string($0) } ?? .null
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> TwinJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array, or nil.
    public subscript(index: Int) -> TwinJSON? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The numeric payload of an int or float.
    public var decimalValue: Decimal? {
        switch self {
        case .int(let value): return Decimal(value)
        case .float(let value): return value
        default: return nil
        }
    }

    /// The payload of an int, or of a float with no fractional part.
    public var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .float(let value):
            guard TwinFormat.round(value, scale: 0) == value, value.magnitude < 1e18 else { return nil }
            return Int(value.description)
        default: return nil
        }
    }

    /// The payload of a bool.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The elements of an array.
    public var arrayValue: [TwinJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members of an object.
    public var objectValue: [String: TwinJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

extension TwinJSON {
    /// Compact JSON text with keys sorted by their UTF-8 bytes, identical in every process.
    public var serialized: String { String(decoding: bytes, as: UTF8.self) }

    /// The serialized text as UTF-8 bytes.
    public var data: Data { Data(bytes) }

    private var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(into: &output)
        return output
    }

    /// Writes UTF-8 bytes straight into `output`: every twin answer goes through here, so no intermediate strings
    /// and no per-comparison allocations when sorting keys.
    private func write(into output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .float(let value): output.append(contentsOf: Self.floatText(value).utf8)
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                members[key, default: .null].write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A decimal in plain notation with at least one digit after the point.
    static func floatText(_ value: Decimal) -> String {
        var text = value.description
        if !text.contains(".") { text += ".0" }
        return text
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension TwinJSON: Decodable {
    /// Decodes any JSON; numbers without a fraction or exponent become `.int`, others `.float` via `Decimal`
    /// so a price like `157.30` keeps its exact decimal value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Decimal.self) {
            self = .float(value)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([TwinJSON].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: TwinJSON].self))
        }
    }

    /// Parses JSON bytes; nil when the bytes are not JSON.
    public static func parse(_ data: Data) -> TwinJSON? {
        try? JSONDecoder().decode(TwinJSON.self, from: data)
    }
}
