import Foundation

@testable import HTTPCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking TCP client for tests that need byte-level control (malformed input, pipelining, hang-ups).
///
/// A 120 s receive timeout only keeps a broken server from hanging the test run; no assertion depends on it. It is
/// long because a server serving an async transport answers from a Task, which on a loaded two-core machine can
/// wait many seconds for a thread of the cooperative pool while the full suite runs (10 s was seen to fail).
/// `@unchecked Sendable`: one test drives it, one call at a time; `exchange` hands it to a Dispatch thread and awaits.
final class RawHTTPClient: @unchecked Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    init(port: UInt16) throws {
        #if os(Linux)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        _ = inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect() failed: errno \(errno)")
        }
    }

    deinit { if !closed { close(fd) } }

    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    func write(_ bytes: [UInt8]) throws {
        #if os(Linux)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, flags) }
            guard sent > 0 else { throw Failure(description: "send() failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Resets the connection abruptly (RST), like a client that crashed.
    func abort() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close(fd)
        closed = true
    }

    /// Reads one response (head + Content-Length body; no body when `forHEAD`).
    /// Writes `text` and reads the answer on a Dispatch thread, so an async test does not block a thread of the
    /// cooperative pool (on two cores, two blocked pool threads starve a server that answers from a Task).
    func exchange(_ text: String) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        try self.write(text)
                        return try self.readResponse()
                    })
            }
        }
    }

    /// `readResponse` on a Dispatch thread: a test awaiting it holds no thread of the cooperative pool while the
    /// server (which may answer from a Task) works, so a loaded two-core machine cannot starve it.
    func response(forHEAD: Bool = false) async throws -> Response {
        try await offPool { try self.readResponse(forHEAD: forHEAD) }
    }

    /// `readsEndOfStream` on a Dispatch thread, for the same reason.
    func endOfStream() async throws -> Bool {
        try await offPool { try self.readsEndOfStream() }
    }

    private func offPool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    func readResponse(forHEAD: Bool = false) throws -> Response {
        let terminator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = find(terminator)
            if headEnd == nil { guard try fill() else { throw Failure(description: "closed before a response") } }
        }
        let end = headEnd!
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let length = forHEAD ? 0 : Int(headers["Content-Length"] ?? "0") ?? 0
        let bodyStart = end + 4
        while buffer.count - bodyStart < length {
            guard try fill() else { throw Failure(description: "closed inside a body") }
        }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeSubrange(0..<(bodyStart + length))
        return Response(status: status, headers: headers, body: body)
    }

    /// Sends one client frame, masked as RFC 6455 §5.1 requires (`masked: false` to break that rule on purpose).
    func writeFrame(_ frame: WebSocketFrame, masked: Bool = true) throws {
        try write(frame.serialized(maskKey: masked ? [0x12, 0x34, 0x56, 0x78] : nil))
    }

    /// Reads one server frame (servers never mask).
    func readFrame() throws -> WebSocketFrame {
        while true {
            switch WebSocketFrame.parse(buffer, requireMask: false, maxPayload: Int.max) {
            case .frame(let frame, let consumed):
                buffer.removeSubrange(0..<consumed)
                return frame
            case .needMore:
                guard try fill() else { throw Failure(description: "closed before a whole frame") }
            case .invalid(_, let reason):
                throw Failure(description: "server sent a bad frame: \(reason)")
            }
        }
    }

    /// Runs blocking socket work on a Dispatch thread, off the cooperative pool (see `exchange`).
    func onThread<T: Sendable>(_ body: @escaping @Sendable (RawHTTPClient) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body(self) }) }
        }
    }

    /// True when the server closed the connection and nothing more is buffered.
    func readsEndOfStream() throws -> Bool {
        guard buffer.isEmpty else { return false }
        return try !fill()
    }

    private func fill() throws -> Bool {
        var scratch = [UInt8](repeating: 0, count: 65536)
        let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: scratch[0..<count])
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw Failure(description: "recv() failed: errno \(errno)")
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for index in 0...(buffer.count - needle.count) where Array(buffer[index..<(index + needle.count)]) == needle {
            return index
        }
        return nil
    }
}
