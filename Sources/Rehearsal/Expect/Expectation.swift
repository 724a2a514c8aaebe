import FoundationEssentials
import MCPKit

/// A JSON pattern a value must match. Objects match as a subset (keys not in the pattern are ignored), arrays
/// element by element with the same length, scalars by equality (an integer equals the same floating-point number).
/// Operators:
/// - `"*"`: any value, null included, as long as the key is present;
/// - `"$absent"`: the key must be missing;
/// - `{"$approx": n, "$tolerance": t}`: a number or numeric string within `t` of `n` (`t` defaults to 0);
/// - `{"$contains": "text"}`: a string containing `text`;
/// - `{"$matches": "regex"}`: a string the regular expression finds a match in.
public struct Expectation: Sendable, Equatable {
    /// The pattern as written.
    public let pattern: JSONValue

    /// Checks the pattern's operators once, so a bad pattern fails when the scenario is read, not when it runs.
    public init(pattern: JSONValue) throws(PatternError) {
        try Self.validate(pattern, path: "")
        self.pattern = pattern
    }

    /// Every way `actual` differs from the pattern; empty when it matches.
    public func mismatches(in actual: JSONValue) -> [Mismatch] {
        var found: [Mismatch] = []
        ExpectationMatcher.match(pattern, actual, path: "", into: &found)
        return found
    }

    /// A pattern that is not well formed, with the path of the offending part.
    public struct PatternError: Error, Equatable {
        public var path: String
        public var message: String
    }

    static let operatorKeys: Set<String> = ["$approx", "$tolerance", "$contains", "$matches"]

    private static func validate(_ pattern: JSONValue, path: String) throws(PatternError) {
        switch pattern {
        case .object(let members):
            if let operatorKey = members.keys.sorted().first(where: { $0.hasPrefix("$") }) {
                try validateOperator(members, key: operatorKey, path: path)
                return
            }
            for key in members.keys.sorted() {
                try validate(members[key] ?? .null, path: ExpectationMatcher.join(path, key))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                try validate(element, path: "\(path)[\(index)]")
            }
        default:
            return
        }
    }

    private static func validateOperator(
        _ members: [String: JSONValue], key: String, path: String
    ) throws(PatternError) {
        let at = path.isEmpty ? "(top)" : path
        guard operatorKeys.contains(key) else {
            throw PatternError(
                path: at, message: "unknown operator \"\(key)\" (use $approx, $contains or $matches)")
        }
        if members["$approx"] != nil || members["$tolerance"] != nil {
            guard Set(members.keys).isSubset(of: ["$approx", "$tolerance"]) else {
                throw PatternError(path: at, message: "$approx takes only $tolerance beside it")
            }
            guard let target = members["$approx"], ExpectationMatcher.decimal(target) != nil else {
                throw PatternError(path: at, message: "$approx needs a number or a numeric string")
            }
            if let tolerance = members["$tolerance"] {
                guard let value = ExpectationMatcher.decimal(tolerance), value >= 0 else {
                    throw PatternError(path: at, message: "$tolerance must be a number zero or above")
                }
            }
            return
        }
        guard members.count == 1, let argument = members[key]?.stringValue else {
            throw PatternError(path: at, message: "\(key) needs a string and nothing beside it")
        }
        if key == "$matches", (try? Regex(argument)) == nil {
            throw PatternError(path: at, message: "$matches has an invalid regular expression: \(argument)")
        }
    }
}

/// One difference between a pattern and a value.
public struct Mismatch: Sendable, Equatable, CustomStringConvertible {
    /// Where, e.g. `data.orders[0].status` (`(top)` for the whole value).
    public var path: String
    /// What the pattern wanted, as text.
    public var expected: String
    /// What was there, as text (`(absent)` for a missing key).
    public var actual: String

    public init(path: String, expected: String, actual: String) {
        self.path = path
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "at \(path): expected \(expected), got \(actual)" }
}
