/// Runs one upgraded connection: reads client frames, reassembles fragmented messages, answers pings and the
/// close handshake, and writes what the session returns, polling it between reads.
///
/// Runs on the connection's own Dispatch thread (never the cooperative pool), like `LoopbackConnection`; the
/// socket's receive timeout no longer ends the connection, since a WebSocket may stay quiet for long stretches.
struct LoopbackWebSocketConnection {
    let fd: Int32
    let session: any WebSocketSession
    /// Largest message (one frame or the sum of its fragments) accepted; larger closes with 1009.
    let maxMessageBytes: Int
    /// How long a read waits before the session is polled again.
    var pollMilliseconds: Int32 = 100

    /// Serves until the client closes, a protocol error, or the server shuts the socket down.
    /// `leftover` holds bytes the client sent right after its handshake.
    func serve(leftover: [UInt8]) {
        defer { session.closed() }
        guard send(session.opened()) else { return }
        var buffer = leftover
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var message: (opcode: WebSocketFrame.Opcode, bytes: [UInt8])?
        while true {
            // Parse every whole frame buffered so far.
            var start = 0
            frames: while true {
                switch WebSocketFrame.parse(buffer, from: start, requireMask: true, maxPayload: maxMessageBytes) {
                case .needMore:
                    break frames
                case .invalid(let code, let reason):
                    return fail(code: code, reason: reason)
                case .frame(let frame, let consumed):
                    start += consumed
                    switch frame.opcode {
                    case .ping:
                        // §5.5.2: a pong echoes the ping's payload.
                        guard write(WebSocketFrame(opcode: .pong, payload: frame.payload)) else { return }
                        // A control frame may sit between a message's fragments (§5.4): it completes nothing.
                        continue frames
                    case .pong:
                        continue frames
                    case .close:
                        // §5.5.1: echo the status code, then the connection ends.
                        let code = frame.payload.count >= 2 ? Array(frame.payload.prefix(2)) : []
                        _ = write(WebSocketFrame(opcode: .close, payload: code))
                        return
                    case .text, .binary:
                        guard message == nil else {
                            return fail(code: 1002, reason: "a new message began before the fragmented one ended")
                        }
                        message = (frame.opcode, frame.payload)
                    case .continuation:
                        guard message != nil else {
                            return fail(code: 1002, reason: "continuation frame without a message to continue")
                        }
                        message?.bytes.append(contentsOf: frame.payload)
                    }
                    if let current = message, current.bytes.count > maxMessageBytes {
                        return fail(code: 1009, reason: "message larger than \(maxMessageBytes) bytes")
                    }
                    if frame.fin, let complete = message {
                        message = nil
                        guard let text = String(validating: complete.bytes, as: UTF8.self) else {
                            return fail(code: 1007, reason: "message is not valid UTF-8")
                        }
                        guard send(session.received(text)) else { return }
                    }
                }
            }
            if start > 0 { buffer.removeSubrange(0..<start) }
            guard send(session.poll()) else { return }
            guard POSIXSocket.waitReadable(fd, milliseconds: pollMilliseconds) else { continue }
            switch POSIXSocket.read(fd, into: &scratch) {
            case .bytes(let count): buffer.append(contentsOf: scratch[0..<count])
            case .timedOut: continue
            case .closed, .failed: return
            }
        }
    }

    /// Sends each message as one text frame; false when the peer is gone.
    private func send(_ messages: [String]) -> Bool {
        guard !messages.isEmpty else { return true }
        var bytes: [UInt8] = []
        for text in messages {
            bytes.append(contentsOf: WebSocketFrame(opcode: .text, payload: Array(text.utf8)).serialized())
        }
        return POSIXSocket.writeAll(fd, bytes)
    }

    private func write(_ frame: WebSocketFrame) -> Bool {
        POSIXSocket.writeAll(fd, frame.serialized())
    }

    /// Closes with a status code naming the violation (§7.1.7: fail the connection), then ends.
    private func fail(code: UInt16, reason: String) {
        _ = write(.close(code: code, reason: reason))
    }
}
