import FoundationEssentials
import MCPKit

/// The matching rules behind `Expectation` (see there for the operators).
enum ExpectationMatcher {
    static func match(_ pattern: JSONValue, _ actual: JSONValue?, path: String, into found: inout [Mismatch]) {
        let at = path.isEmpty ? "(top)" : path
        switch pattern {
        case .string("*"):
            if actual == nil { found.append(Mismatch(path: at, expected: "any value", actual: "(absent)")) }
        case .string("$absent"):
            if let actual { found.append(Mismatch(path: at, expected: "(absent)", actual: text(actual))) }
        case .object(let members) where members.keys.contains(where: { $0.hasPrefix("$") }):
            matchOperator(members, actual, at: at, into: &found)
        case .object(let members):
            guard case .object(let actualMembers)? = actual else {
                found.append(Mismatch(path: at, expected: "an object", actual: describe(actual)))
                return
            }
            for key in members.keys.sorted() {
                match(members[key] ?? .null, actualMembers[key], path: join(path, key), into: &found)
            }
        case .array(let elements):
            guard case .array(let actualElements)? = actual else {
                found.append(Mismatch(path: at, expected: "an array", actual: describe(actual)))
                return
            }
            guard elements.count == actualElements.count else {
                found.append(
                    Mismatch(
                        path: at, expected: "\(elements.count) element(s)",
                        actual: "\(actualElements.count) element(s): \(text(.array(actualElements)))"))
                return
            }
            for (index, element) in elements.enumerated() {
                match(element, actualElements[index], path: "\(path)[\(index)]", into: &found)
            }
        default:
            guard let actual, equal(pattern, actual) else {
                found.append(Mismatch(path: at, expected: text(pattern), actual: describe(actual)))
                return
            }
        }
    }

    private static func matchOperator(
        _ members: [String: JSONValue], _ actual: JSONValue?, at: String, into found: inout [Mismatch]
    ) {
        if let target = members["$approx"].flatMap(decimal) {
            let tolerance = members["$tolerance"].flatMap(decimal) ?? 0
            let expected = "\(target) ± \(tolerance)"
            guard let actual, let value = decimal(actual) else {
                found.append(Mismatch(path: at, expected: expected, actual: describe(actual)))
                return
            }
            let difference = value - target
            if (difference < 0 ? -difference : difference) > tolerance {
                found.append(Mismatch(path: at, expected: expected, actual: text(actual)))
            }
        } else if let needle = members["$contains"]?.stringValue {
            guard let haystack = actual?.stringValue, haystack.contains(needle) else {
                found.append(
                    Mismatch(
                        path: at, expected: "a string containing \(text(.string(needle)))",
                        actual: describe(actual)))
                return
            }
        } else if let regex = members["$matches"]?.stringValue {
            guard let haystack = actual?.stringValue, let expression = try? Regex(regex), haystack.contains(expression)
            else {
                found.append(Mismatch(path: at, expected: "a string matching /\(regex)/", actual: describe(actual)))
                return
            }
        } else {
            found.append(Mismatch(path: at, expected: "a valid operator", actual: describe(actual)))
        }
    }

    /// Scalars are equal when their JSON is equal, or when both are numbers of the same value.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.doubleValue, let right = rhs.doubleValue { return left == right }
        return lhs == rhs
    }

    /// A number, or a string holding one, as `Decimal` (the exact text for strings and integers).
    static func decimal(_ value: JSONValue) -> Decimal? {
        switch value {
        case .int(let number): return Decimal(number)
        case .double(let number): return number.isFinite ? Decimal(string: "\(number)") : nil
        case .string(let text): return DecimalText.parse(text)
        default: return nil
        }
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func text(_ value: JSONValue) -> String {
        let written = JSONWriter.string(value)
        return written.count > 200 ? String(written.prefix(200)) + "…" : written
    }

    static func describe(_ value: JSONValue?) -> String {
        value.map(text) ?? "(absent)"
    }
}
