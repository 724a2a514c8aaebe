import Foundation
import Synchronization
import Testing

@testable import HTTPCore

/// The loopback server's WebSocket side over a real socket: handshake, echo, fragments, ping, pushes, close.
@Suite struct LoopbackWebSocketTests {
    /// Echoes each message as `echo:<text>`, greets on open, and pushes whatever the test queued when polled.
    /// `@unchecked Sendable`: the server calls it on one connection thread; the test only touches `pushes` and
    /// `closedCount` through their mutexes.
    final class EchoSession: WebSocketSession, @unchecked Sendable {
        let pushes = Mutex<[String]>([])
        let closedCount = Mutex(0)
        func opened() -> [String] { ["hello"] }
        func received(_ text: String) -> [String] { ["echo:" + text] }
        func poll() -> [String] {
            pushes.withLock { queued in
                defer { queued = [] }
                return queued
            }
        }
        func closed() { closedCount.withLock { $0 += 1 } }
    }

    private static let handshake =
        "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"

    private func server(_ session: EchoSession) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(
            configuration: .init(maxBodyBytes: 4096),
            handler: { _ in HTTPResponse(status: 200, body: Data("plain".utf8)) },
            webSocket: { request in
                request.path == "/ws" ? .accept(session) : .refuse(HTTPResponse(status: 404))
            })
    }

    private func text(_ frame: WebSocketFrame) -> String { String(decoding: frame.payload, as: UTF8.self) }

    @Test func handshakeEchoFragmentsPingAndClose() async throws {
        let session = EchoSession()
        let server = try server(session)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let response = try await client.exchange(Self.handshake)
        #expect(response.status == 101)
        #expect(response.header("Sec-WebSocket-Accept") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(response.header("Upgrade")?.lowercased() == "websocket")
        let frames = try await client.onThread { client -> [WebSocketFrame] in
            var frames = [try client.readFrame()]
            try client.writeFrame(WebSocketFrame(opcode: .text, payload: Array("abc".utf8)))
            frames.append(try client.readFrame())
            // A message in three fragments, with a ping between them (control frames may interleave, §5.4).
            try client.writeFrame(WebSocketFrame(fin: false, opcode: .text, payload: Array("frag".utf8)))
            try client.writeFrame(WebSocketFrame(opcode: .ping, payload: Array("p1".utf8)))
            try client.writeFrame(WebSocketFrame(fin: false, opcode: .continuation, payload: Array("men".utf8)))
            try client.writeFrame(WebSocketFrame(opcode: .continuation, payload: Array("ted".utf8)))
            frames.append(try client.readFrame())
            frames.append(try client.readFrame())
            // A 16-bit-length message.
            try client.writeFrame(
                WebSocketFrame(opcode: .text, payload: Array(String(repeating: "z", count: 300).utf8)))
            frames.append(try client.readFrame())
            try client.writeFrame(WebSocketFrame.close(code: 1000, reason: "bye"))
            frames.append(try client.readFrame())
            return frames
        }
        try #require(frames.count == 6)
        #expect(frames[0] == WebSocketFrame(opcode: .text, payload: Array("hello".utf8)))
        #expect(text(frames[1]) == "echo:abc")
        #expect(frames[2] == WebSocketFrame(opcode: .pong, payload: Array("p1".utf8)))
        #expect(text(frames[3]) == "echo:fragmented")
        #expect(text(frames[4]) == "echo:" + String(repeating: "z", count: 300))
        #expect(frames[5] == WebSocketFrame(opcode: .close, payload: [0x03, 0xE8]))
        #expect(try await client.onThread { try $0.readsEndOfStream() })
        server.stop()
        #expect(session.closedCount.withLock { $0 } == 1)
    }

    @Test func pushesWhatTheSessionHasBetweenClientMessages() async throws {
        let session = EchoSession()
        let server = try server(session)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        #expect(try await client.exchange(Self.handshake).status == 101)
        let greeting = try await client.onThread { try $0.readFrame() }
        #expect(text(greeting) == "hello")
        // The client says nothing; the server's poll picks the push up.
        session.pushes.withLock { $0 = ["tick 1", "tick 2"] }
        let pushed = try await client.onThread { [try $0.readFrame(), try $0.readFrame()] }
        #expect(pushed.map(text) == ["tick 1", "tick 2"])
    }

    @Test(
        arguments: [
            (WebSocketFrame(opcode: .text, payload: Array("x".utf8)), false, 1002),
            (WebSocketFrame(opcode: .continuation, payload: Array("x".utf8)), true, 1002),
            (WebSocketFrame(opcode: .text, payload: [0xFF, 0xFE]), true, 1007),
            (WebSocketFrame(opcode: .binary, payload: Array(repeating: 1, count: 5000)), true, 1009),
        ] as [(WebSocketFrame, Bool, Int)])
    func protocolViolationsCloseWithTheirCode(frame: WebSocketFrame, masked: Bool, code: Int) async throws {
        let session = EchoSession()
        let server = try server(session)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        #expect(try await client.exchange(Self.handshake).status == 101)
        let close = try await client.onThread { client -> WebSocketFrame in
            _ = try client.readFrame()
            try client.writeFrame(frame, masked: masked)
            return try client.readFrame()
        }
        #expect(close.opcode == .close)
        #expect(close.payload.count >= 2 && Int(close.payload[0]) << 8 | Int(close.payload[1]) == code)
        #expect(try await client.onThread { try $0.readsEndOfStream() })
    }

    @Test func aBadUpgradeIsA400NamingTheProblem() async throws {
        let server = try server(EchoSession())
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let response = try await client.exchange(
            "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        #expect(response.status == 400)
        #expect(response.text.contains("Sec-WebSocket-Key"))
        let refused = try RawHTTPClient(port: server.port)
        let notHere = try await refused.exchange(Self.handshake.replacingOccurrences(of: "GET /ws", with: "GET /nope"))
        #expect(notHere.status == 404)
        // Without an Upgrade header the same path is an ordinary request.
        let plain = try RawHTTPClient(port: server.port)
        #expect(try await plain.exchange("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n").text == "plain")
    }
}
