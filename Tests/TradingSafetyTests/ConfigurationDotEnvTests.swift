import Foundation
import Testing

@testable import TradingSafety

/// The `.env` reader: what it accepts and the line-numbered errors for what it does not.
@Suite("Configuration .env parser")
struct ConfigurationDotEnvTests {
    /// (file text, expected key=value pairs in order).
    static let validRows: [(String, [String])] = [
        ("MAX_ORDER_VALUE=250", ["MAX_ORDER_VALUE=250"]),
        ("export TRADING_DRY_RUN=false", ["TRADING_DRY_RUN=false"]),
        ("  KEY = value with spaces  ", ["KEY=value with spaces"]),
        ("# comment\n\n   # indented comment\nA=1\n", ["A=1"]),
        ("A=1 # inline comment", ["A=1"]),
        ("A=abc#not-a-comment", ["A=abc#not-a-comment"]),
        ("A='single # quoted'", ["A=single # quoted"]),
        ("A=\"double \\\"quoted\\\" \\\\ \\n\" # trailing", ["A=double \"quoted\" \\ \n"]),
        ("A='literal \\n'", ["A=literal \\n"]),
        ("A=", ["A="]),
        ("A=\"\"", ["A="]),
        ("A=x=y", ["A=x=y"]),
        ("A=1\r\nB=2\r\n", ["A=1", "B=2"]),
        ("\u{FEFF}A=1", ["A=1"]),
        ("_private=1\nlower_case=2", ["_private=1", "lower_case=2"]),
        ("A=1\nA=2", ["A=1", "A=2"]),
    ]

    @Test("valid lines", arguments: validRows)
    func valid(text: String, expected: [String]) throws {
        let entries = try DotEnvParser.parse(text)
        #expect(entries.map { "\($0.key)=\($0.value)" } == expected)
    }

    @Test("line numbers count comments and blank lines")
    func lineNumbers() throws {
        let entries = try DotEnvParser.parse("# one\n\nA=1\n# four\nB=2")
        #expect(entries.map(\.line) == [3, 5])
    }

    /// (file text, the line the error must name, a fragment of the message).
    static let malformedRows: [(String, Int, String)] = [
        ("A=1\nnot an assignment", 2, "has no '='"),
        ("A=1\n\n1ABC=2", 3, "is not a valid key"),
        ("MAX-ORDER=5", 1, "is not a valid key"),
        ("=value", 1, "is not a valid key"),
        ("A=\"unterminated", 1, "not closed"),
        ("A='unterminated", 1, "not closed"),
        ("A=\"x\" trailing", 1, "unexpected text"),
        ("# ok\nexport", 2, "has no '='"),
        ("KÉY=1", 1, "is not a valid key"),
    ]

    @Test("malformed lines are errors naming the line", arguments: malformedRows)
    func malformed(text: String, line: Int, fragment: String) {
        do {
            _ = try DotEnvParser.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.code == .malformedLine)
            #expect(error.problems.first?.message.hasPrefix(".env line \(line):") == true, "\(error)")
            #expect(error.problems.first?.message.contains(fragment) == true, "\(error)")
        }
    }
}
