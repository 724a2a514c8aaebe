import Foundation
import MCPKit
import Testing

@Suite("JSON parser and writer")
struct JSONParserTests {
    @Test(
        "valid documents parse to the expected values",
        arguments: [
            ("null", JSONValue.null), ("true", true), ("false", false), ("0", 0), ("-12", -12), ("1.5", 1.5),
            ("1e3", .double(1000)), ("-0.25E-2", .double(-0.0025)), ("\"a\\\"b\\\\c\\/d\\n\"", "a\"b\\c/d\n"),
            ("\"\\u00e9\\ud83d\\ude00\"", "é😀"), ("\"é\"", "é"), ("[]", []), ("{}", [:]),
            (" [1, {\"a\": [true, null]}] ", [1, ["a": [true, nil]]]),
            ("9223372036854775807", .int(Int.max)), ("9223372036854775808", .double(9_223_372_036_854_775_808)),
            ("123456789012345678901234567890", .double(1.2345678901234568e29)),
        ] as [(String, JSONValue)]
    )
    func valid(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(Data(text.utf8)) == expected)
    }

    @Test(
        "invalid documents are refused",
        arguments: [
            "", " ", "nul", "tru", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", ".5", "-", "1e", "+1", "\"abc",
            "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\u{1}b\"", "[1 2]", "{\"a\" 1}", "1 2", "1e400",
            "NaN", "Infinity", "[", "{", "\"\\u",
        ]
    )
    func invalid(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Data(text.utf8)) }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Data(bytes)) }
    }

    @Test("nesting deeper than the limit is refused, not a crash")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Data(deep.utf8)) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(Data(fine.utf8))) != nil)
    }

    @Test("the writer sorts keys, escapes control characters, and round-trips")
    func writer() throws {
        let value: JSONValue = ["b": [1, 2.5, "x\u{1}\"\\/\n"], "a": nil, "é": true, "Z": ["y": 1, "x": 2]]
        let text = JSONWriter.string(value)
        #expect(text == #"{"Z":{"x":2,"y":1},"a":null,"b":[1,2.5,"x\u0001\"\\/\n"],"é":true}"#)
        #expect(try JSONParser.parse(Data(text.utf8)) == value)
        #expect(JSONWriter.string(.double(.infinity)) == "null")
        #expect(!text.contains("\n"))
    }

    @Test("every ASCII character and multi-byte text survive escaping, at the start, middle and end of a string")
    func escapingRoundTrip() throws {
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for text in [ascii, "\"" + ascii + "é€😀", "😀\t", "\r\n", "", "plain"] {
            let written = JSONWriter.string(.string(text))
            #expect(try JSONParser.parse(Data(written.utf8)) == .string(text))
            #expect(!written.utf8.contains { $0 < 0x20 })
        }
        #expect(JSONWriter.string(.string("\u{1F}a\tb\"")) == #""\u001fa\tb\"""#)
    }

    @Test("the parser agrees with JSONDecoder on a realistic message")
    func agreesWithFoundation() throws {
        let text =
            #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"buy","arguments":{"symbol":"AAPL","cash_amount":50.25,"n":[1,-2,3.5]},"_meta":{"progressToken":"t"}}}"#
        let ours = try JSONParser.parse(Data(text.utf8))
        let theirs = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == theirs)
    }
}
