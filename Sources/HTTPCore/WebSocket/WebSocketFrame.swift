/// One RFC 6455 frame (§5.2): parsed from a client's bytes or serialised by the server.
///
/// Pure byte work, free of sockets, so every shape (7/16/64-bit lengths, masking, fragments) is testable alone.
struct WebSocketFrame: Sendable, Equatable {
    /// The frame's opcode (RFC 6455 §5.2, §11.8).
    enum Opcode: UInt8, Sendable {
        case continuation = 0x0
        case text = 0x1
        case binary = 0x2
        case close = 0x8
        case ping = 0x9
        case pong = 0xA

        var isControl: Bool { rawValue & 0x8 != 0 }
    }

    /// What parsing the start of a buffer produced.
    enum Parse: Equatable {
        /// A whole frame, unmasked, and how many bytes it took.
        case frame(WebSocketFrame, consumed: Int)
        /// The buffer holds only part of a frame.
        case needMore
        /// A protocol violation: the close code to answer with (RFC 6455 §7.4.1) and why.
        case invalid(code: UInt16, reason: String)
    }

    var fin: Bool
    var opcode: Opcode
    var payload: [UInt8]

    init(fin: Bool = true, opcode: Opcode, payload: [UInt8]) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }

    /// A close frame carrying a status code and a short reason (RFC 6455 §5.5.1).
    static func close(code: UInt16, reason: String) -> WebSocketFrame {
        // Control payloads are at most 125 bytes (§5.5): the 2-byte code leaves 123 for the reason.
        var payload: [UInt8] = [UInt8(code >> 8), UInt8(code & 0xFF)]
        payload.append(contentsOf: reason.utf8.prefix(123))
        return WebSocketFrame(opcode: .close, payload: payload)
    }

    /// Parses one frame at `start` of `buffer`. A server requires masked frames (`requireMask`, §5.1) and refuses
    /// payloads beyond `maxPayload` with 1009.
    static func parse(
        _ buffer: [UInt8], from start: Int = 0, requireMask: Bool = true, maxPayload: Int = 16 * 1024 * 1024
    ) -> Parse {
        let available = buffer.count - start
        guard available >= 2 else { return .needMore }
        let first = buffer[start]
        let second = buffer[start + 1]
        guard first & 0x70 == 0 else {
            // No extension was negotiated, so RSV1-3 must be zero (§5.2).
            return .invalid(code: 1002, reason: "reserved bits set without a negotiated extension")
        }
        guard let opcode = Opcode(rawValue: first & 0x0F) else {
            return .invalid(code: 1002, reason: "unknown opcode \(first & 0x0F)")
        }
        let fin = first & 0x80 != 0
        let masked = second & 0x80 != 0
        if requireMask && !masked {
            return .invalid(code: 1002, reason: "client frames must be masked (RFC 6455 §5.1)")
        }
        var length = UInt64(second & 0x7F)
        var offset = start + 2
        if length == 126 {
            guard available >= 4 else { return .needMore }
            length = UInt64(buffer[offset]) << 8 | UInt64(buffer[offset + 1])
            offset += 2
        } else if length == 127 {
            guard available >= 10 else { return .needMore }
            length = 0
            for index in 0..<8 { length = length << 8 | UInt64(buffer[offset + index]) }
            offset += 8
            guard length >> 63 == 0 else { return .invalid(code: 1002, reason: "64-bit length with the top bit set") }
        }
        if opcode.isControl {
            // §5.5: control frames are never fragmented and carry at most 125 bytes.
            guard fin else { return .invalid(code: 1002, reason: "fragmented control frame") }
            guard length <= 125 else { return .invalid(code: 1002, reason: "control frame longer than 125 bytes") }
        }
        guard length <= UInt64(maxPayload) else {
            return .invalid(code: 1009, reason: "frame larger than \(maxPayload) bytes")
        }
        var key: [UInt8] = []
        if masked {
            guard buffer.count >= offset + 4 else { return .needMore }
            key = Array(buffer[offset..<(offset + 4)])
            offset += 4
        }
        let end = offset + Int(length)
        guard buffer.count >= end else { return .needMore }
        var payload = Array(buffer[offset..<end])
        if masked {
            for index in payload.indices { payload[index] ^= key[index & 3] }
        }
        return .frame(WebSocketFrame(fin: fin, opcode: opcode, payload: payload), consumed: end - start)
    }

    /// The frame's wire bytes; with `maskKey` (what a client sends) the payload is masked with it.
    func serialized(maskKey: [UInt8]? = nil) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode.rawValue]
        bytes.reserveCapacity(payload.count + 14)
        let maskBit: UInt8 = maskKey == nil ? 0 : 0x80
        // The shortest length form (§5.2: "the minimal number of bytes MUST be used").
        if payload.count < 126 {
            bytes.append(maskBit | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            bytes.append(maskBit | 126)
            bytes.append(UInt8(payload.count >> 8))
            bytes.append(UInt8(payload.count & 0xFF))
        } else {
            bytes.append(maskBit | 127)
            let length = UInt64(payload.count)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift)))
            }
        }
        if let maskKey {
            bytes.append(contentsOf: maskKey)
            for (index, byte) in payload.enumerated() { bytes.append(byte ^ maskKey[index & 3]) }
        } else {
            bytes.append(contentsOf: payload)
        }
        return bytes
    }
}
