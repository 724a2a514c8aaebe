import Foundation
import Testing

@testable import HTTPCore

/// The byte-level cassette reader must read exactly what `JSONDecoder` reads, and refuse the rest by byte offset.
@Suite("CassetteReader")
struct CassetteReaderTests {
    static let recordings = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Cassette
        .deletingLastPathComponent()  // HTTPCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("recordings")

    /// Every cassette under `recordings/`, relative paths.
    static let cassettes: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: recordings.path)
        var found: [String] = []
        while let next = enumerator?.nextObject() as? String {
            if next.hasSuffix(".json") { found.append(next) }
        }
        return found.sorted()
    }()

    /// What `JSONDecoder` reads, rendered so a difference in any field (or an integer read as a double) shows.
    private func expectSameAsJSONDecoder(_ data: Data, _ comment: Comment? = nil) throws {
        let reference = try JSONDecoder().decode(Cassette.self, from: data)
        let read = try CassetteReader.cassette(from: data)
        #expect(read == reference, comment)
        #expect(try read.encoded() == reference.encoded(), comment)
    }

    @Test("recordings/ holds the cassettes this suite compares")
    func present() {
        #expect(Self.cassettes.count >= 40, "found \(Self.cassettes)")
    }

    @Test("every cassette in recordings/ reads exactly as JSONDecoder reads it", arguments: cassettes)
    func recordedCassettes(name: String) throws {
        try expectSameAsJSONDecoder(Data(contentsOf: Self.recordings.appendingPathComponent(name)), "\(name)")
    }

    @Test(
        "replay sends the file's own body text, white space removed: the same bytes as serialising the parsed body",
        arguments: cassettes)
    func compactBodies(name: String) throws {
        let cassette = try CassetteReader.cassette(from: Data(contentsOf: Self.recordings.appendingPathComponent(name)))
        for exchange in cassette.exchanges {
            let expected = exchange.responseBody?.data() ?? Data()
            #expect(exchange.response().body == expected, "\(name) \(exchange.summary)")
            if case .json = exchange.responseBody { #expect(exchange.compactResponseBody != nil) }
        }
    }

    @Test("a changed response body is what replay sends, not the text the file had")
    func compactBodyForgotten() throws {
        let text =
            #"{"version": 1, "exchanges": [{"method": "GET", "path": "/a", "query": [], "status": 200,"#
            + #" "headers": {}, "responseBody": {"json": {"b" : [1, "x y"], "a" : "q\"uote"}}}]}"#
        var cassette = try CassetteReader.cassette(from: Data(text.utf8))
        #expect(
            String(decoding: cassette.exchanges[0].response().body, as: UTF8.self) == #"{"b":[1,"x y"],"a":"q\"uote"}"#)
        cassette.exchanges[0].responseBody = .json(.object(["k": .integer(2)]))
        #expect(String(decoding: cassette.exchanges[0].response().body, as: UTF8.self) == #"{"k":2}"#)
        // Not part of the cassette: equal to the same exchange without it.
        var plain = cassette.exchanges[0]
        plain.compactResponseBody = Data("x".utf8)
        #expect(plain == cassette.exchanges[0])
    }

    @Test("escapes, unicode, numbers, nulls and unknown keys read as JSONDecoder reads them")
    func edgeCases() throws {
        let text = #"""
             { "version" : 1, "note" : "caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t é 😀", "extra": [1, {"x": null}],
              "exchanges" : [
                { "method": "POST", "path": "/a", "query": [{"name": "flag"}, {"name": "n", "value": null},
                  {"name": "v", "value": "1"}], "requestBody": null, "status": 200, "headers": {},
                  "responseBody": {"json": [0, -0, 1e2, 300.0, -1.5, 2.5e-3, 9223372036854775807,
                    -9223372036854775808, 9223372036854775808, 123456789012345678901234, true, false, null,
                    "", {}, [], {"b": 1, "a": [{"c": "d"}]}]},
                  "elapsedMs": null, "ignored": {"deep": [[[]]]} },
                { "method": "GET", "path": "/b", "query": [], "status": 500, "headers": {"Content-Type": "text/plain"},
                  "responseBody": {"text": "Internal error"}, "requestBody": {"json": null}, "elapsedMs": 12.0 },
                { "method": "GET", "path": "/c", "query": [], "status": 200, "headers": {},
                  "responseBody": {"json": {"k": 1}, "text": "both: json wins"} }
              ]
            }
            """#
        try expectSameAsJSONDecoder(Data(text.utf8))
        let read = try CassetteReader.cassette(from: Data(text.utf8))
        #expect(read.note == "café 😀 \"q\" \\ / \u{8}\u{C}\n\r\t é 😀")
        guard case .json(.array(let numbers)) = read.exchanges[0].responseBody else {
            Issue.record("the first response body is not a JSON array")
            return
        }
        #expect(numbers[2] == .integer(100))
        #expect(numbers[3] == .integer(300))
        #expect(numbers[4] == .number(-1.5))
        #expect(numbers[7] == .integer(.min))
        #expect(numbers[8] == .number(9_223_372_036_854_775_808))
        #expect(read.exchanges[1].requestBody == .json(.null))
        #expect(read.exchanges[1].elapsedMs == 12)
    }

    @Test("bodies classify as JSON or text as before")
    func bodies() throws {
        for text in [#"{"a":[1,2.5,"x"]}"#, " 42 ", #""s""#, "null", "[]"] {
            let reference = try JSONDecoder().decode(Cassette.JSON.self, from: Data(text.utf8))
            #expect(Cassette.Body(data: Data(text.utf8)) == .json(reference), "\(text)")
        }
        for text in ["Success", "{\"a\":", "[1,]", "01", "tru", "{} {}"] {
            #expect(Cassette.Body(data: Data(text.utf8)) == .text(text), "\(text)")
        }
    }

    @Test("every truncation of a cassette is refused with a byte offset, never a crash")
    func truncated() throws {
        let data = try Data(contentsOf: Self.recordings.appendingPathComponent("order-market-day-rec-a.json"))
        let end = try #require(data.lastIndex(of: UInt8(ascii: "}")))
        for length in 0..<end {
            let error = try #require(throws: CassetteReader.Failure.self) {
                try CassetteReader.cassette(from: data.prefix(length))
            }
            #expect(error.offset <= length, "cut at \(length): \(error.description)")
            #expect(error.description.contains("(at byte \(error.offset))"))
        }
    }

    static let malformedCases: [(String, Int, String)] = [
        (#"{"version":1,"exchanges":[]} x"#, 29, "after the end of the JSON value"),
        (#"{"version":1,"exchanges":[{"method":"GET"}]}"#, 26, "missing `path` at .exchanges[0]"),
        (#"{"version":"1","exchanges":[]}"#, 11, "expected an integer at .version"),
        (#"{"version":1.5,"exchanges":[]}"#, 11, "found a number with a fraction"),
        (#"{"version":1,"exchanges":{}}"#, 25, "expected an array at .exchanges"),
        (#"{"version":1,"note":"a\qb","exchanges":[]}"#, 22, #"unknown escape `\q`"#),
        ("{\"version\":1,\"note\":\"a\nb\",\"exchanges\":[]}", 22, "control character"),
        (#"{"version":01,"exchanges":[]}"#, 11, "leading zero"),
        (#"{"version":1,"exchanges":[],}"#, 28, "expected a key string"),
        (#"{"version":1 "exchanges":[]}"#, 13, "expected `,` or `}`"),
        (#"{"exchanges":[]}"#, 0, "missing `version`"),
        (#"[1]"#, 0, "expected an object"),
        (#"{"version":1,"note":"\ud800","exchanges":[]}"#, 21, "high surrogate"),
        (#"{"version":1,"exchanges":[],"x":nul}"#, 32, "expected `null`"),
    ]

    @Test("malformed input names what is wrong and where", arguments: malformedCases)
    func malformed(text: String, offset: Int, words: String) {
        let error = #expect(throws: CassetteReader.Failure.self) { try CassetteReader.cassette(from: Data(text.utf8)) }
        #expect(error?.offset == offset, "\(error?.description ?? "")")
        #expect(error?.message.contains(words) == true, "\(error?.description ?? "")")
    }

    @Test("invalid UTF-8 inside a string is refused at the string")
    func invalidUTF8() {
        var bytes = Array(#"{"version":1,"note":"ab","exchanges":[]}"#.utf8)
        bytes[22] = 0xFF
        let error = #expect(throws: CassetteReader.Failure.self) { try CassetteReader.cassette(from: Data(bytes)) }
        #expect(error?.offset == 21)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test("Cassette.decode reports the reader's byte offset in its TransportError")
    func transportError() {
        let error = #expect(throws: TransportError.self) {
            try Cassette.decode(Data(#"{"version":1,"exchanges":[}"#.utf8), source: "cut.json")
        }
        #expect(error?.code == .cassette)
        #expect(error?.message.contains("cut.json is not a valid cassette") == true)
        #expect(error?.message.contains("at byte 26") == true, "\(error?.message ?? "")")
    }
}
