import Foundation
import Testing

@testable import HTTPCore

/// SHA-1, the handshake check and frame bytes, against the RFCs' own examples.
@Suite struct WebSocketFrameTests {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// RFC 3174 §7.3's test vectors (plus the empty message), including a multi-block one and a million bytes.
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        (String(repeating: "a", count: 1_000_000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        (String(repeating: "01234567", count: 80), "dea356a2cddd90c7a7ecedc5ebb563934f460452"),
    ])
    func sha1MatchesRFC3174(message: String, digest: String) {
        #expect(hex(SHA1.hash(Array(message.utf8))) == digest)
    }

    /// RFC 6455 §1.3: the sample key and its accept value.
    @Test func acceptValueMatchesRFC6455Example() {
        #expect(WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    private func upgrade(
        method: String = "GET", key: String? = "dGhlIHNhbXBsZSBub25jZQ==", version: String? = "13",
        connection: String = "keep-alive, Upgrade"
    ) -> HTTPRequest {
        var headers = ["Upgrade": "websocket", "Connection": connection]
        if let key { headers["Sec-WebSocket-Key"] = key }
        if let version { headers["Sec-WebSocket-Version"] = version }
        return HTTPRequest(method: method, path: "/ws", headers: headers)
    }

    @Test func handshakeAcceptsAValidRequest() {
        #expect(
            WebSocketHandshake.validate(upgrade(), minorVersion: 1) == .valid(accept: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
    }

    @Test(
        arguments: [
            ("POST", "dGhlIHNhbXBsZSBub25jZQ==", "13", "Upgrade", 400, "HTTP/1.1 GET"),
            ("GET", nil, "13", "Upgrade", 400, "Sec-WebSocket-Key"),
            ("GET", "c2hvcnQ=", "13", "Upgrade", 400, "Sec-WebSocket-Key"),
            ("GET", "dGhlIHNhbXBsZSBub25jZQ==", "13", "keep-alive", 400, "Connection: Upgrade"),
            ("GET", "dGhlIHNhbXBsZSBub25jZQ==", "8", "Upgrade", 426, "version 13"),
        ] as [(String, String?, String, String, Int, String)])
    func handshakeRefusesABadUpgradeSayingWhy(
        method: String, key: String?, version: String, connection: String, status: Int, names: String
    ) throws {
        let check = WebSocketHandshake.validate(
            upgrade(method: method, key: key, version: version, connection: connection), minorVersion: 1)
        guard case .invalid(let response) = check else {
            Issue.record("expected a refusal, got \(check)")
            return
        }
        #expect(response.status == status)
        #expect(response.text.contains(names))
        if status == 426 { #expect(response.header("Sec-WebSocket-Version") == "13") }
    }

    /// RFC 6455 §5.7's examples, byte for byte.
    @Test func parsesTheRFCExamples() {
        let hello = Array("Hello".utf8)
        #expect(
            WebSocketFrame.parse([0x81, 0x05] + hello, requireMask: false)
                == .frame(WebSocketFrame(opcode: .text, payload: hello), consumed: 7))
        let masked: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        #expect(WebSocketFrame.parse(masked) == .frame(WebSocketFrame(opcode: .text, payload: hello), consumed: 11))
        #expect(
            WebSocketFrame.parse([0x01, 0x03] + Array("Hel".utf8), requireMask: false)
                == .frame(WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8)), consumed: 5))
        #expect(
            WebSocketFrame.parse([0x80, 0x02] + Array("lo".utf8), requireMask: false)
                == .frame(WebSocketFrame(opcode: .continuation, payload: Array("lo".utf8)), consumed: 4))
        #expect(
            WebSocketFrame.parse([0x89, 0x05] + hello, requireMask: false)
                == .frame(WebSocketFrame(opcode: .ping, payload: hello), consumed: 7))
        // Serialising gives the same bytes back, masked or not.
        #expect(WebSocketFrame(opcode: .text, payload: hello).serialized() == [0x81, 0x05] + hello)
        #expect(WebSocketFrame(opcode: .text, payload: hello).serialized(maskKey: [0x37, 0xFA, 0x21, 0x3D]) == masked)
    }

    /// 7-bit, 16-bit (126) and 64-bit (127) lengths round-trip at their edges, in the shortest form.
    @Test(arguments: [0, 125, 126, 65535, 65536, 70000])
    func lengthsRoundTrip(count: Int) {
        let payload = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let bytes = WebSocketFrame(opcode: .binary, payload: payload).serialized(maskKey: [1, 2, 3, 4])
        let header = count < 126 ? 2 : (count <= 65535 ? 4 : 10)
        #expect(bytes.count == header + 4 + count)
        #expect(bytes[1] & 0x7F == (count < 126 ? UInt8(count) : (count <= 65535 ? 126 : 127)))
        #expect(
            WebSocketFrame.parse(bytes)
                == .frame(WebSocketFrame(opcode: .binary, payload: payload), consumed: bytes.count))
        // Every strict prefix is incomplete, never an error or a short frame.
        for cut in [1, header - 1, header + 3, bytes.count - 1] where cut > 0 && cut < bytes.count {
            #expect(WebSocketFrame.parse(Array(bytes.prefix(cut))) == .needMore)
        }
    }

    @Test func parsesAFrameInTheMiddleOfABuffer() {
        let first = WebSocketFrame(opcode: .text, payload: Array("a".utf8)).serialized(maskKey: [9, 9, 9, 9])
        let second = WebSocketFrame(opcode: .text, payload: Array("bc".utf8)).serialized(maskKey: [7, 7, 7, 7])
        #expect(
            WebSocketFrame.parse(first + second, from: first.count)
                == .frame(WebSocketFrame(opcode: .text, payload: Array("bc".utf8)), consumed: second.count))
    }

    @Test(
        arguments: [
            ([0x81, 0x05] + Array("Hello".utf8), 1002, "masked"),
            ([0xC1, 0x80, 0, 0, 0, 0], 1002, "reserved bits"),
            ([0x83, 0x80, 0, 0, 0, 0], 1002, "unknown opcode"),
            ([0x09, 0x80, 0, 0, 0, 0], 1002, "fragmented control"),
            ([0x89, 0xFE, 0x00, 0x7E], 1002, "control frame longer"),
            ([0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0], 1002, "top bit"),
            ([0x82, 0xFE, 0x04, 0x01], 1009, "larger than 1024"),
        ] as [([UInt8], Int, String)])
    func refusesProtocolViolations(bytes: [UInt8], code: Int, names: String) {
        guard case .invalid(let closeCode, let reason) = WebSocketFrame.parse(bytes, maxPayload: 1024) else {
            Issue.record("expected a protocol error for \(bytes)")
            return
        }
        #expect(Int(closeCode) == code)
        #expect(reason.contains(names))
    }

    @Test func closeFrameCarriesCodeAndShortReason() {
        let frame = WebSocketFrame.close(code: 1002, reason: String(repeating: "x", count: 300))
        #expect(frame.payload.prefix(2) == [0x03, 0xEA])
        #expect(frame.payload.count == 125)
    }
}
