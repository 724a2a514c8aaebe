import Foundation
import Synchronization
import Testing
import ValetTesting

@testable import HTTPCore

@Suite("RecordingTransport and ReplayTransport")
struct RecordReplayTests {
    /// A tiny gateway-shaped stub: echoes the account and counts tickles.
    private static func gateway() -> StubTransport {
        let tickles = Mutex(0)
        return StubTransport { request in
            switch request.path {
            case "/iserver/accounts":
                return .json(
                    #"{"accounts":["DU9085813"],"selectedAccount":"DU9085813","sessionId":"6657fe5d.0000000a"}"#)
            case "/tickle":
                let count = tickles.withLock { value -> Int in
                    value += 1
                    return value
                }
                return .json(
                    #"{"session":"ce109cbeb462a76dc3f6f4182c830cc1","n":\#(count)}"#, headers: ["Set-Cookie": "x=1"])
            case "/iserver/notification":
                return HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Data("Success".utf8))
            default:
                return .json(#"{"path":"\#(request.path)"}"#, status: 404)
            }
        }
    }

    @Test("the caller gets the real response while the cassette is redacted and written to disk")
    func recording() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("session.json")
        let recorder = RecordingTransport(wrapping: Self.gateway(), fileURL: file, note: "unit test")

        let accounts = try await recorder.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        #expect(accounts.text.contains("DU9085813"))
        _ = try await recorder.send(
            HTTPRequest(method: "POST", path: "/iserver/account/DU9085813/orders", body: Data(#"{"orders":[]}"#.utf8)))
        _ = try await recorder.send(HTTPRequest(method: "POST", path: "/iserver/notification", body: Data("x".utf8)))

        let onDisk = try Cassette.load(from: file)
        #expect(onDisk == recorder.cassette)
        #expect(onDisk.note == "unit test")
        #expect(
            onDisk.exchanges.map(\.path) == [
                "/iserver/accounts", "/iserver/account/DU0000001/orders", "/iserver/notification",
            ])
        #expect(
            onDisk.exchanges[0].responseBody
                == .json(
                    .object([
                        "accounts": .array([.string("DU0000001")]), "selectedAccount": .string("DU0000001"),
                        "sessionId": .string("REDACTED"),
                    ])))
        #expect(onDisk.exchanges[1].status == 404)
        #expect(onDisk.exchanges[1].requestBody == .json(.object(["orders": .array([])])))
        #expect(onDisk.exchanges[2].requestBody == .text("x"))
        #expect(onDisk.exchanges[2].responseBody == .text("Success"))
        #expect(onDisk.exchanges.allSatisfy { ($0.elapsedMs ?? -1) >= 0 })
        let raw = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(!raw.contains("DU9085813"))
        #expect(!raw.contains("6657fe5d"))
    }

    @Test("a failed send is passed through and not recorded")
    func failuresPassThrough() async throws {
        let recorder = RecordingTransport(wrapping: FailingTransport())
        await #expect(throws: TransportError.self) {
            try await recorder.send(HTTPRequest(method: "POST", path: "/tickle"))
        }
        #expect(recorder.cassette.exchanges.isEmpty)
    }

    @Test("a recorded session replays with the placeholder account; identical requests replay in order")
    func replayInOrder() async throws {
        let recorder = RecordingTransport(wrapping: Self.gateway())
        _ = try await recorder.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        _ = try await recorder.send(HTTPRequest(method: "POST", path: "/tickle", body: Data("{}".utf8)))
        _ = try await recorder.send(HTTPRequest(method: "POST", path: "/tickle", body: Data("{}".utf8)))
        let replay = ReplayTransport(cassette: recorder.cassette)

        let accounts = try await replay.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        #expect(accounts.text.contains(#""selectedAccount":"DU0000001""#))
        #expect(accounts.header("Content-Type") == "application/json;charset=utf-8")
        let first = try await replay.send(HTTPRequest(method: "POST", path: "/tickle", body: Data("{ }".utf8)))
        let second = try await replay.send(HTTPRequest(method: "POST", path: "/tickle", body: Data("{}".utf8)))
        #expect(first.text.contains(#""n":1"#))
        #expect(second.text.contains(#""n":2"#))
        #expect(replay.leftovers().isEmpty)

        let error = try await #require(throws: TransportError.self) {
            try await replay.send(HTTPRequest(method: "POST", path: "/tickle", body: Data("{}".utf8)))
        }
        #expect(error.code == .replayUnmatched)
        #expect(error.message.contains("all 2 recorded POST /tickle exchanges were already replayed"))
    }

    @Test("query order and JSON key order do not matter; leftovers list what was never asked for")
    func lenientOrderStrictContent() async throws {
        let cassette = Cassette(exchanges: [
            .init(
                method: "GET", path: "/iserver/marketdata/snapshot",
                query: [.init(name: "conids", value: "265598"), .init(name: "fields", value: "31,84")], status: 200,
                responseBody: .json(.array([]))),
            .init(
                method: "POST", path: "/iserver/account/DU0000001/orders",
                requestBody: .json(.object(["a": .integer(1), "b": .integer(2)])), status: 200),
            .init(method: "GET", path: "/iserver/account/orders", status: 200),
        ])
        let replay = ReplayTransport(cassette: cassette)
        _ = try await replay.send(
            HTTPRequest(
                method: "GET", path: "/iserver/marketdata/snapshot",
                query: [URLQueryItem(name: "fields", value: "31,84"), URLQueryItem(name: "conids", value: "265598")]))
        _ = try await replay.send(
            HTTPRequest(method: "POST", path: "/iserver/account/DU0000001/orders", body: Data(#"{"b":2,"a":1}"#.utf8)))
        #expect(replay.leftovers().map(\.path) == ["/iserver/account/orders"])
    }

    @Test("an unmatched request names the closest recorded one and what differs")
    func unmatchedExplains() async throws {
        let cassette = Cassette(exchanges: [
            .init(
                method: "POST", path: "/iserver/account/DU0000001/orders",
                requestBody: .json(
                    .object(["orders": .array([.object(["price": .number(101.5), "side": .string("BUY")])])])),
                status: 200),
            .init(
                method: "GET", path: "/iserver/marketdata/snapshot", query: [.init(name: "conids", value: "265598")],
                status: 200),
        ])
        let replay = ReplayTransport(cassette: cassette)

        let body = try await #require(throws: TransportError.self) {
            try await replay.send(
                HTTPRequest(
                    method: "POST", path: "/iserver/account/DU0000001/orders",
                    body: Data(#"{"orders":[{"price":101.0,"side":"BUY"}]}"#.utf8)))
        }
        #expect(body.code == .replayUnmatched)
        #expect(
            body.message.contains(
                "asked for POST /iserver/account/DU0000001/orders, but the cassette expected #0 POST "
                    + "/iserver/account/DU0000001/orders"))
        #expect(body.message.contains("$.orders[0].price: recorded 101.5, sent 101"))

        let query = try await #require(throws: TransportError.self) {
            try await replay.send(
                HTTPRequest(
                    method: "GET", path: "/iserver/marketdata/snapshot",
                    query: [URLQueryItem(name: "conids", value: "8314")]))
        }
        #expect(query.message.contains("query differs (recorded conids=265598, sent conids=8314)"))

        let method = try await #require(throws: TransportError.self) {
            try await replay.send(HTTPRequest(method: "DELETE", path: "/iserver/marketdata/snapshot"))
        }
        #expect(method.message.contains("recorded: GET /iserver/marketdata/snapshot?conids=265598"))

        let unknown = try await #require(throws: TransportError.self) {
            try await replay.send(HTTPRequest(method: "GET", path: "/iserver/marketdata/history"))
        }
        #expect(unknown.message.contains("no recorded exchange for GET /iserver/marketdata/history"))
        #expect(unknown.message.contains("GET /iserver/marketdata/snapshot?conids=265598"))
        #expect(replay.leftovers().count == 2)
    }

    @Test("record over loopback HTTP, then replay from the file: same statuses and bodies")
    func endToEnd() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/v1/api/iserver/accounts"
                ? .json(#"{"accounts":["U7631004"],"selectedAccount":"U7631004"}"#)
                : .json(#"{"error":"Please query /accounts first"}"#, status: 500)
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("live.json")
        let live = URLSessionTransport(
            configuration: .init(baseURL: try #require(URL(string: "http://127.0.0.1:\(server.port)/v1/api"))))
        let recorder = RecordingTransport(wrapping: live, fileURL: file)
        let liveOrders = try await recorder.send(HTTPRequest(method: "GET", path: "/iserver/account/orders"))
        let liveAccounts = try await recorder.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))

        let replay = try ReplayTransport(contentsOf: file)
        let replayedOrders = try await replay.send(HTTPRequest(method: "GET", path: "/iserver/account/orders"))
        let replayedAccounts = try await replay.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        #expect(replayedOrders.status == liveOrders.status)
        #expect(replayedOrders.body == liveOrders.body)
        #expect(replayedAccounts.text == #"{"accounts":["U0000001"],"selectedAccount":"U0000001"}"#)
        #expect(liveAccounts.text.contains("U7631004"))
    }
}
