import Foundation
import Testing

@testable import HTTPCore

@Suite("LoopbackHTTPServer serving a transport")
struct LoopbackHTTPServerTransportTests {
    @Test("a replayed cassette answers over HTTP below /v1/api; other paths get 404; misses get 502")
    func servesReplay() async throws {
        let cassette = Cassette(exchanges: [
            .init(
                method: "POST", path: "/tickle", requestBody: .json(.object([:])), status: 200,
                headers: ["Content-Type": "application/json"],
                responseBody: .json(.object(["session": .string("REDACTED")])))
        ])
        let replay = ReplayTransport(cassette: cassette)
        let server = try LoopbackHTTPServer(serving: replay)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)

        let hit = try await client.exchange("POST /v1/api/tickle HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
        #expect(hit.status == 200)
        #expect(hit.text == #"{"session":"REDACTED"}"#)
        #expect(hit.header("Content-Type") == "application/json")

        let outside = try await client.exchange("GET /other/tickle HTTP/1.1\r\n\r\n")
        #expect(outside.status == 404)
        #expect(outside.text.contains("outside the API root /v1/api"))

        let miss = try await client.exchange("POST /v1/api/tickle HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
        #expect(miss.status == 502)
        #expect(miss.text.contains("already replayed"))
        #expect(replay.leftovers().isEmpty)
        try replay.finish()
    }

    @Test(
        "paths map below the root",
        arguments: [
            ("/v1/api/tickle", "/v1/api", "/tickle"), ("/v1/api", "/v1/api", "/"), ("/v1/apix/y", "/v1/api", nil),
            ("/tickle", "", "/tickle"),
        ] as [(String, String, String?)])
    func rootMapping(path: String, root: String, expected: String?) {
        #expect(LoopbackHTTPServer.path(path, below: root) == expected)
    }

    @Test("finish() names what was recorded but never asked for")
    func finishReportsLeftovers() async throws {
        let replay = ReplayTransport(
            cassette: Cassette(exchanges: [.init(method: "GET", path: "/iserver/accounts", status: 200)]))
        let error = try #require(throws: TransportError.self) { try replay.finish() }
        #expect(error.message.contains("1 recorded exchange(s) were never replayed: GET /iserver/accounts"))
    }

    @Test("a client that hangs up before reading a large response does not kill the process (no SIGPIPE)")
    func noSIGPIPE() async throws {
        let big = Data(repeating: 0x61, count: 4 * 1024 * 1024)
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200, body: big) }
        defer { server.stop() }
        for _ in 0..<3 {
            let client = try RawHTTPClient(port: server.port)
            try client.write("GET /big HTTP/1.1\r\n\r\n")
            client.abort()
        }
        let next = try RawHTTPClient(port: server.port)
        try next.write("GET /big HTTP/1.1\r\n\r\n")
        #expect(try await next.response().body.count == big.count)
    }
}
