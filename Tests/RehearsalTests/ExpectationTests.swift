import Foundation
import MCPKit
import Testing

@testable import Rehearsal

@Suite("Expectation operators")
struct ExpectationTests {
    /// Pattern, actual value, and the mismatch descriptions expected (empty: it matches).
    static let cases: [(JSONValue, JSONValue, [String])] = [
        // Subset objects and scalars.
        (["ok": true], ["ok": true, "data": 1], []),
        (["ok": true], ["ok": false], ["at ok: expected true, got false"]),
        (
            ["data": ["status": "filled"]], ["data": ["status": "submitted"]],
            [#"at data.status: expected "filled", got "submitted""#]
        ),
        (["data": ["n": 1]], ["data": ["n": 1.0]], []),
        (["data": ["n": 1]], ["data": ["n": "1"]], [#"at data.n: expected 1, got "1""#]),
        (["data": ["x": 1]], ["data": 5], ["at data: expected an object, got 5"]),
        (["missing": "x"], [:], [#"at missing: expected "x", got (absent)"#]),
        (["v": nil], ["v": nil], []),
        // Arrays: same length, element by element.
        (["a": [1, 2]], ["a": [1, 2]], []),
        (["a": [1, 2]], ["a": [1]], ["at a: expected 2 element(s), got 1 element(s): [1]"]),
        (["a": [["s": "x"]]], ["a": [["s": "y", "t": 1]]], [#"at a[0].s: expected "x", got "y""#]),
        (["a": [1]], ["a": "1"], [#"at a: expected an array, got "1""#]),
        // Wildcard.
        (["order_id": "*"], ["order_id": "1001"], []),
        (["order_id": "*"], ["order_id": nil], []),
        (["order_id": "*"], [:], ["at order_id: expected any value, got (absent)"]),
        // Absent.
        (["error": "$absent"], ["ok": true], []),
        (["error": "$absent"], ["error": "boom"], [#"at error: expected (absent), got "boom""#]),
        // Approx on numbers and numeric strings.
        (["p": ["$approx": 190.1, "$tolerance": 0.01]], ["p": "190.105"], []),
        (
            ["p": ["$approx": "190.10", "$tolerance": "0.01"]], ["p": 190.12],
            ["at p: expected 190.1 ± 0.01, got 190.12"]
        ),
        (["p": ["$approx": 5]], ["p": 5], []),
        (["p": ["$approx": 5]], ["p": "n/a"], [#"at p: expected 5 ± 0, got "n/a""#]),
        (["p": ["$approx": 5]], [:], ["at p: expected 5 ± 0, got (absent)"]),
        // Contains.
        (["m": ["$contains": "MAX_ORDER_VALUE"]], ["m": "exceeds the MAX_ORDER_VALUE limit"], []),
        (["m": ["$contains": "cap"]], ["m": "fine"], [#"at m: expected a string containing "cap", got "fine""#]),
        (["m": ["$contains": "1"]], ["m": 1], [#"at m: expected a string containing "1", got 1"#]),
        // Matches.
        (["id": ["$matches": "^[0-9]+$"]], ["id": "1001"], []),
        (["id": ["$matches": "^[0-9]+$"]], ["id": "A1"], ["at id: expected a string matching /^[0-9]+$/, got \"A1\""]),
        // Top-level scalar.
        ("x", "y", [#"at (top): expected "x", got "y""#]),
    ]

    @Test("each operator matches and reports mismatches with path, expected and actual", arguments: cases)
    func operatorCase(pattern: JSONValue, actual: JSONValue, expected: [String]) throws {
        let expectation = try Expectation(pattern: pattern)
        #expect(expectation.mismatches(in: actual).map(\.description) == expected)
    }

    static let invalid: [(JSONValue, String, String)] = [
        (["a": ["$nope": 1]], "a", #"unknown operator "$nope" (use $approx, $contains or $matches)"#),
        (["a": ["$approx": "x"]], "a", "$approx needs a number or a numeric string"),
        (["a": ["$approx": 1, "$tolerance": -1]], "a", "$tolerance must be a number zero or above"),
        (["a": ["$approx": 1, "$contains": "x"]], "a", "$approx takes only $tolerance beside it"),
        (["a": [["$contains": 3]]], "a[0]", "$contains needs a string and nothing beside it"),
        (["$matches": "a("], "(top)", "$matches has an invalid regular expression: a("),
    ]

    @Test("malformed patterns are refused with their path", arguments: invalid)
    func invalidPattern(pattern: JSONValue, path: String, message: String) {
        #expect(throws: Expectation.PatternError(path: path, message: message)) {
            try Expectation(pattern: pattern)
        }
    }
}
