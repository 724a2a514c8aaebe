import Foundation
import Testing

@testable import HTTPCore

@Suite("Cassette")
struct CassetteTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cassette-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("encoding is pretty, sorted and stable (golden)")
    func golden() throws {
        let cassette = Cassette(
            note: "golden",
            exchanges: [
                .init(
                    method: "GET", path: "/iserver/marketdata/snapshot",
                    query: [.init(name: "conids", value: "265598"), .init(name: "fields", value: "31")], status: 200,
                    headers: ["Content-Type": "application/json"],
                    responseBody: .json(.array([.object(["conid": .integer(265598), "31": .string("C173.96")])])),
                    elapsedMs: 12)
            ])
        let text = String(decoding: try cassette.encoded(), as: UTF8.self)
        let expected = """
            {
              "exchanges" : [
                {
                  "elapsedMs" : 12,
                  "headers" : {
                    "Content-Type" : "application/json"
                  },
                  "method" : "GET",
                  "path" : "/iserver/marketdata/snapshot",
                  "query" : [
                    {
                      "name" : "conids",
                      "value" : "265598"
                    },
                    {
                      "name" : "fields",
                      "value" : "31"
                    }
                  ],
                  "responseBody" : {
                    "json" : [
                      {
                        "31" : "C173.96",
                        "conid" : 265598
                      }
                    ]
                  },
                  "status" : 200
                }
              ],
              "note" : "golden",
              "version" : 1
            }

            """
        #expect(text == expected)
        #expect(try Cassette.decode(Data(text.utf8)) == cassette)
    }

    @Test("JSON bodies keep integers, decimals, booleans and nulls apart")
    func jsonFidelity() throws {
        let body = try #require(Cassette.Body(data: Data(#"{"a":1,"b":25500000.5,"c":true,"d":null,"e":"1"}"#.utf8)))
        #expect(
            body
                == .json(
                    .object([
                        "a": .integer(1), "b": .number(25_500_000.5), "c": .bool(true), "d": .null, "e": .string("1"),
                    ])))
        #expect(String(decoding: body.data(), as: UTF8.self) == #"{"a":1,"b":25500000.5,"c":true,"d":null,"e":"1"}"#)
        #expect(Cassette.Body(data: Data("Success".utf8)) == .text("Success"))
        #expect(Cassette.JSON.integer(100) == .number(100))
        #expect(Cassette.JSON.integer(100) != .number(100.5))
        #expect(Cassette.JSON.integer(1) != .bool(true))
        #expect(Cassette.Body(data: Data()) == nil)
    }

    @Test("a write is atomic: the file appears whole and no temporary file stays behind")
    func atomicWrite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("session.json")
        try Cassette(note: "one").write(to: url)
        try Cassette(note: "two").write(to: url)
        #expect(try Cassette.load(from: url).note == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["session.json"])
    }

    @Test("unreadable cassettes give actionable errors")
    func loadErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try #require(throws: TransportError.self) {
            try Cassette.load(from: folder.appendingPathComponent("none.json"))
        }
        #expect(missing.code == .cassette)
        #expect(missing.message.contains("none.json"))

        let future = try #require(throws: TransportError.self) {
            try Cassette.decode(Data(#"{"version":99,"exchanges":[]}"#.utf8), source: "future.json")
        }
        #expect(future.message.contains("version 99"))

        let broken = try #require(throws: TransportError.self) {
            try Cassette.decode(Data(#"{"version":1,"exchanges":[{"method":"GET"}]}"#.utf8), source: "broken.json")
        }
        #expect(broken.message.contains("broken.json"))
        #expect(broken.message.contains("missing `path`"))
    }
}
