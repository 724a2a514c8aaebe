import FoundationEssentials

extension Cassette {
    /// A JSON value, so bodies can be stored readably, compared by meaning and redacted by key.
    ///
    /// Integers are kept apart from other numbers so ids and ms timestamps survive exactly. A number written
    /// with a zero fraction (`300.0`) reads back as the integer `300`: same JSON number, shorter text.
    /// Equality is by meaning: `.integer(100)` equals `.number(100.0)`, as both are the JSON number 100.
    public enum JSON: Codable, Sendable, Equatable, Hashable {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        case array([JSON])
        case object([String: JSON])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSON].self) {
                self = .array(value)
            } else if let value = try? container.decode([String: JSON].self) {
                self = .object(value)
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }

        public static func == (lhs: JSON, rhs: JSON) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): true
            case (.bool(let a), .bool(let b)): a == b
            case (.integer(let a), .integer(let b)): a == b
            case (.number(let a), .number(let b)): a == b
            case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): Double(a) == b
            case (.string(let a), .string(let b)): a == b
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)): a == b
            default: false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case .null: hasher.combine(0)
            case .bool(let value): hasher.combine(value)
            // Both number cases hash as Double so that equal numbers hash equally.
            case .integer(let value): hasher.combine(Double(value))
            case .number(let value): hasher.combine(value)
            case .string(let value): hasher.combine(value)
            case .array(let value): hasher.combine(value)
            case .object(let value): hasher.combine(value)
            }
        }

        /// Compact JSON with sorted keys, as `JSONEncoder` writes it (see `CompactJSONWriter`, which is faster).
        public func compactData() -> Data {
            // Writing a JSON value built from JSON cannot fail except for non-finite doubles, which JSON
            // cannot hold in the first place; fall back to `null` rather than trap.
            CompactJSONWriter.data(self) ?? Data("null".utf8)
        }

        /// Where two values differ, as `path: recorded … sent …` lines (at most `limit`).
        public func differences(to other: JSON, path: String = "$", limit: Int = 5) -> [String] {
            var found: [String] = []
            collectDifferences(to: other, path: path, into: &found, limit: limit)
            return found
        }

        private func collectDifferences(to other: JSON, path: String, into found: inout [String], limit: Int) {
            guard found.count < limit, self != other else { return }
            switch (self, other) {
            case (.object(let mine), .object(let theirs)):
                for key in Set(mine.keys).union(theirs.keys).sorted() {
                    let child = "\(path).\(key)"
                    switch (mine[key], theirs[key]) {
                    case (let recorded?, let sent?):
                        recorded.collectDifferences(to: sent, path: child, into: &found, limit: limit)
                    case (let recorded?, nil):
                        if found.count < limit { found.append("\(child): recorded \(recorded.brief), sent nothing") }
                    case (nil, let sent?):
                        if found.count < limit { found.append("\(child): recorded nothing, sent \(sent.brief)") }
                    case (nil, nil):
                        break
                    }
                }
            case (.array(let mine), .array(let theirs)) where mine.count == theirs.count:
                for (index, pair) in zip(mine, theirs).enumerated() {
                    pair.0.collectDifferences(to: pair.1, path: "\(path)[\(index)]", into: &found, limit: limit)
                }
            default:
                found.append("\(path): recorded \(brief), sent \(other.brief)")
            }
        }

        /// A short rendering for messages.
        var brief: String {
            let text = String(decoding: compactData(), as: UTF8.self)
            return text.count > 80 ? String(text.prefix(77)) + "..." : text
        }
    }
}
