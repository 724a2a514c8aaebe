import Foundation
import Testing

@testable import HTTPCore

/// The hand-written compact writer must write exactly the bytes `JSONEncoder` wrote before it.
@Suite("CompactJSONWriter")
struct CompactJSONWriterTests {
    private func encoderBytes(_ value: Cassette.JSON) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    @Test("every body in recordings/ is written byte for byte as JSONEncoder writes it")
    func recordedBodies() throws {
        var compared = 0
        for name in CassetteReaderTests.cassettes {
            let cassette = try Cassette.load(from: CassetteReaderTests.recordings.appendingPathComponent(name))
            for exchange in cassette.exchanges {
                for case .json(let value) in [exchange.requestBody, exchange.responseBody].compactMap({ $0 }) {
                    let expected = try encoderBytes(value)
                    #expect(
                        CompactJSONWriter.data(value) == expected,
                        "\(name): \(String(decoding: expected, as: UTF8.self))")
                    compared += 1
                }
            }
        }
        #expect(compared >= 50)
    }

    @Test(
        "numbers, escapes, key order and nesting match JSONEncoder",
        arguments: [
            Cassette.JSON.null, .bool(true), .bool(false), .integer(0), .integer(-42), .integer(.max), .integer(.min),
            .number(1.5), .number(-0.0), .number(100), .number(25_500_000.5), .number(0.1), .number(1e-5),
            .number(1e20), .number(1e22), .number(-3.25e-7), .number(.greatestFiniteMagnitude),
            .number(.leastNonzeroMagnitude), .number(173.96),
            .string(""), .string("a/b \"q\" \\ é 😀 \u{7F}"), .string("\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}"),
            .array([]), .object([:]), .array([.integer(1), .array([.null]), .object(["x": .string("y")])]),
            .object([
                "b": .integer(1), "a": .integer(2), "B": .integer(3), "_": .null, "10": .bool(true), "9": .bool(false),
                "é": .string("e"), "z": .object(["y": .integer(1), "x": .array([.number(2.5)])]), "aa": .null,
            ]),
        ])
    func matchesEncoder(value: Cassette.JSON) throws {
        let written = try #require(CompactJSONWriter.data(value))
        let expected = try encoderBytes(value)
        #expect(
            written == expected,
            "wrote \(String(decoding: written, as: UTF8.self)), JSONEncoder \(String(decoding: expected, as: UTF8.self))"
        )
    }

    @Test("a number JSON cannot hold makes the whole value `null`, as before")
    func nonFinite() {
        #expect(CompactJSONWriter.data(.array([.number(.nan)])) == nil)
        #expect(Cassette.JSON.object(["a": .number(.infinity)]).compactData() == Data("null".utf8))
    }
}
