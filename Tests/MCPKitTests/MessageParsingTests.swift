import Foundation
import MCPKit
import Testing

@Suite("JSON-RPC message parsing")
struct MessageParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var code: Int
        var id: RequestID?
        var testDescription: String { line }
    }

    static let invalid: [Case] = [
        Case(line: "not json", code: -32700, id: nil),
        Case(line: "{\"jsonrpc\":\"2.0\",", code: -32700, id: nil),
        Case(line: "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", code: -32600, id: nil),
        Case(line: "[]", code: -32600, id: nil),
        Case(line: "42", code: -32600, id: nil),
        Case(line: "\"ping\"", code: -32600, id: nil),
        Case(line: "null", code: -32600, id: nil),
        Case(line: #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, code: -32600, id: nil),
        Case(line: #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, code: -32600, id: nil),
        Case(line: #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, code: -32600, id: nil),
        Case(line: #"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, code: -32600, id: nil),
        Case(line: #"{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}"#, code: -32600, id: nil),
        Case(line: #"{"jsonrpc":"1.0","id":1,"method":"ping"}"#, code: -32600, id: .int(1)),
        Case(line: #"{"id":1,"method":"ping"}"#, code: -32600, id: .int(1)),
        Case(line: #"{"jsonrpc":"2.0","id":1,"method":7}"#, code: -32600, id: .int(1)),
        Case(line: #"{"jsonrpc":"2.0","id":1,"method":""}"#, code: -32600, id: .int(1)),
        Case(line: #"{"jsonrpc":"2.0","id":"a","method":"ping","params":"x"}"#, code: -32602, id: .string("a")),
        Case(line: #"{"jsonrpc":"2.0","id":2,"method":"ping","params":[1,2]}"#, code: -32602, id: .int(2)),
        Case(line: #"{"jsonrpc":"2.0"}"#, code: -32600, id: nil),
        Case(line: #"{"jsonrpc":"2.0","id":3}"#, code: -32600, id: .int(3)),
        Case(
            line: #"{"jsonrpc":"2.0","id":3,"result":{},"error":{"code":1,"message":"x"}}"#, code: -32600, id: .int(3)),
    ]

    @Test("malformed lines are classified with the right code and id", arguments: invalid)
    func malformed(_ item: Case) {
        guard case .invalid(let id, let error) = IncomingMessage.parse(Data(item.line.utf8)) else {
            Issue.record("\(item.line) was accepted")
            return
        }
        #expect(error.code == item.code)
        #expect(id == item.id)
    }

    @Test(
        "a repeated key is refused, never resolved by picking one value (issue 11, item 8)",
        arguments: [
            (
                #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"buy","arguments":{"cash_amount":5,"cash_amount":500}}}"#,
                -32602, "cash_amount"
            ),
            (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","name":"y"}}"#, -32602, "name"),
            (#"{"jsonrpc":"2.0","id":1,"method":"ping","method":"tools/call"}"#, -32600, "method"),
        ] as [(String, Int, String)])
    func duplicateKeys(line: String, code: Int, key: String) {
        guard case .invalid(let id, let error) = IncomingMessage.parse(Data(line.utf8)) else {
            Issue.record("\(line) was accepted")
            return
        }
        #expect(id == .int(1))
        #expect(error.code == code)
        #expect(error.message.contains("\"\(key)\""), "\(error.message)")
    }

    @Test("an answer to the server's own request with a repeated key is an error answer, never a confirmation")
    func duplicateKeyInResponse() {
        let line = #"{"jsonrpc":"2.0","id":"valet-1","result":{"action":"decline","action":"accept"}}"#
        guard case .response(let id, let result, let error) = IncomingMessage.parse(Data(line.utf8)) else {
            Issue.record("not a response")
            return
        }
        #expect(id == .string("valet-1"))
        #expect(result == nil)
        #expect(error?["message"]?.stringValue?.contains("\"action\"") == true)
    }

    @Test("invalid UTF-8 is a parse error")
    func invalidUTF8() {
        var bytes = Data(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""#.utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0xFF])
        bytes.append(contentsOf: Data(#""}}"#.utf8))
        guard case .invalid(nil, let error) = IncomingMessage.parse(bytes) else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect(error.code == -32700)
    }

    @Test("valid messages are classified")
    func valid() {
        #expect(
            IncomingMessage.parse(Data(#"{"jsonrpc":"2.0","id":"x","method":"ping"}"#.utf8))
                == .request(id: .string("x"), method: "ping", params: nil)
        )
        #expect(
            IncomingMessage.parse(Data(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8))
                == .notification(method: "notifications/initialized", params: nil)
        )
        #expect(
            IncomingMessage.parse(Data(#"{"jsonrpc":"2.0","id":7,"result":{"a":1}}"#.utf8))
                == .response(id: .int(7), result: ["a": 1], error: nil)
        )
        #expect(
            IncomingMessage.parse(Data(#"{"jsonrpc":"2.0","id":1,"method":"m","params":{"n":1e300}}"#.utf8))
                == .request(id: .int(1), method: "m", params: ["n": .double(1e300)])
        )
    }
}

@Suite("Line splitting")
struct LineSplitterTests {
    @Test("lines split across chunks are joined; CRLF is stripped; blank lines are skipped")
    func splitting() {
        var splitter = LineSplitter(maximumLineBytes: 100)
        #expect(splitter.feed(Data("ab".utf8)) == [])
        #expect(splitter.feed(Data("c\r\n\nde\nf".utf8)) == [.line(Data("abc".utf8)), .line(Data("de".utf8))])
        #expect(splitter.finish() == .line(Data("f".utf8)))
        #expect(splitter.finish() == nil)
    }

    @Test("an over-long line is counted and dropped, and the next line is intact")
    func tooLong() {
        var splitter = LineSplitter(maximumLineBytes: 4)
        #expect(splitter.feed(Data("abc".utf8)) == [])
        #expect(splitter.feed(Data("defgh".utf8)) == [])
        #expect(splitter.feed(Data("ij\nok\n".utf8)) == [.tooLong(byteCount: 10), .line(Data("ok".utf8))])
    }
}
