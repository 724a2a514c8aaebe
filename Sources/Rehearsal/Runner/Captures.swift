import FoundationEssentials
import MCPKit

/// Values a `call` step saves from its envelope (`"save": {"entry": "data.order_id"}`) so later steps can use them
/// in their arguments as `"${entry}"`: a string that is exactly `${name}` is replaced by the saved JSON value, so
/// an order id saved as a string stays a string.
public enum Captures {
    /// The value at a dotted path with indices (`data.legs[1].order_id`), or nil when any part is missing.
    public static func lookup(_ path: String, in value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else {
                    return nil
                }
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { current = current?[String(name)] }
            for index in indices { current = current?[index] }
        }
        return current
    }

    /// True when a path is well formed (`name`, `a.b`, `a[0].b`).
    public static func isValidPath(_ path: String) -> Bool {
        guard !path.isEmpty else { return false }
        return path.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.first, first != "[" else { return false }
            var rest = part.drop { $0 != "[" }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                    Int(rest[rest.index(after: rest.startIndex)..<close]) != nil
                else { return false }
                rest = rest[rest.index(after: close)...]
            }
            return true
        }
    }

    /// The names a value refers to as `${name}`.
    public static func references(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return name(in: text).map { [$0] } ?? []
        case .array(let elements): return elements.flatMap(references)
        case .object(let members): return members.keys.sorted().flatMap { references(in: members[$0] ?? .null) }
        default: return []
        }
    }

    /// The value with every `${name}` replaced from `saved` (unknown names stay as written).
    public static func substitute(_ value: JSONValue, _ saved: [String: JSONValue]) -> JSONValue {
        switch value {
        case .string(let text): return name(in: text).flatMap { saved[$0] } ?? value
        case .array(let elements): return .array(elements.map { substitute($0, saved) })
        case .object(let members): return .object(members.mapValues { substitute($0, saved) })
        default: return value
        }
    }

    private static func name(in text: String) -> String? {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return nil }
        return String(text.dropFirst(2).dropLast())
    }
}
