import FoundationEssentials

/// Serves the requests of one accepted connection, one after another (pipelined requests included).
///
/// Runs on its own thread with blocking reads; the socket's receive timeout bounds every read, and a
/// per-request deadline stops clients that trickle bytes just fast enough to dodge it.
struct LoopbackConnection: Sendable {
    let fd: Int32
    let configuration: LoopbackHTTPServer.Configuration
    let handler: LoopbackHTTPServer.Handler
    var webSocketHandler: LoopbackHTTPServer.WebSocketHandler?

    private static let headTerminator: [UInt8] = Array("\r\n\r\n".utf8)
    private static let continueLine: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// What reading more bytes produced.
    private enum Fill {
        case more
        case closed
        case timedOut
    }

    func serve() {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        var start = 0

        while true {
            // Read until a full head is buffered.
            var requestStarted: Double?
            var scanFrom = start
            var headEnd: Int?
            while true {
                // RFC 9112 §2.2: ignore empty lines before a request line.
                while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A {
                    start += 1
                    scanFrom = max(scanFrom, start)
                }
                if start > 0 && start == buffer.count {
                    // Only empty lines so far: drop them so a client streaming CRLFs cannot grow the buffer.
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                    scanFrom = 0
                }
                // A request must begin with a method token. Anything else (a TLS ClientHello starts with
                // 0x16) is refused at once instead of waiting for a head that will never come.
                if start < buffer.count, !HTTPRequestParser.isTokenByte(buffer[start]) {
                    let tls = buffer[start] == 0x16
                    return reject(
                        400,
                        tls
                            ? "this server speaks plain HTTP, not TLS; use an http:// URL"
                            : "malformed request line", &output)
                }
                if let end = Self.find(Self.headTerminator, in: buffer, from: scanFrom, upTo: buffer.count) {
                    headEnd = end
                    break
                }
                if buffer.count - start > configuration.maxHeaderBytes {
                    return reject(431, "request head larger than \(configuration.maxHeaderBytes) bytes", &output)
                }
                scanFrom = max(start, buffer.count - 3)
                if buffer.count > start, requestStarted == nil { requestStarted = POSIXSocket.monotonicSeconds() }
                if let requestStarted, overdue(requestStarted) {
                    return reject(408, "request not received in time", &output)
                }
                switch fill(&buffer, &scratch) {
                case .more:
                    if requestStarted == nil { requestStarted = POSIXSocket.monotonicSeconds() }
                case .closed:
                    return
                case .timedOut:
                    // An idle keep-alive connection just closes; a half-sent request learns why.
                    if buffer.count > start { reject(408, "request not received in time", &output) }
                    return
                }
            }
            guard let headEnd else { return }
            if headEnd - start > configuration.maxHeaderBytes {
                return reject(431, "request head larger than \(configuration.maxHeaderBytes) bytes", &output)
            }
            let head: HTTPRequestHead
            switch HTTPRequestParser.parseHead(buffer[start..<headEnd]) {
            case .success(let parsed): head = parsed
            case .failure(let rejection): return reject(rejection.status, rejection.message, &output)
            }
            if head.hasTransferEncoding {
                return reject(
                    411, "chunked or encoded request bodies are not supported; send the body with Content-Length",
                    &output)
            }
            let bodyLength: Int
            if let declared = head.contentLength {
                bodyLength = declared
            } else if head.method == "POST" || head.method == "PUT" || head.method == "PATCH" {
                return reject(411, "a \(head.method) request must carry a Content-Length header", &output)
            } else {
                bodyLength = 0
            }
            if bodyLength > configuration.maxBodyBytes {
                return reject(413, "request body larger than \(configuration.maxBodyBytes) bytes", &output)
            }
            let bodyStart = headEnd + Self.headTerminator.count
            if head.expectsContinue && buffer.count - bodyStart < bodyLength {
                guard POSIXSocket.writeAll(fd, Self.continueLine) else { return }
            }
            let started = requestStarted ?? POSIXSocket.monotonicSeconds()
            while buffer.count - bodyStart < bodyLength {
                if overdue(started) { return reject(408, "request body not received in time", &output) }
                switch fill(&buffer, &scratch) {
                case .more: continue
                case .closed: return
                case .timedOut: return reject(408, "request body not received in time", &output)
                }
            }
            let body = bodyLength > 0 ? Data(buffer[bodyStart..<(bodyStart + bodyLength)]) : nil
            start = bodyStart + bodyLength
            if start == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                start = 0
            } else if start > 64 * 1024 {
                buffer.removeSubrange(0..<start)
                start = 0
            }

            let request = HTTPRequest(
                method: head.method, path: head.path, query: head.query, headers: head.headers, body: body)
            if let webSocketHandler, WebSocketHandshake.isUpgradeRequest(request) {
                // The connection now belongs to the upgrade: either a WebSocket until it closes, or a refusal.
                return upgrade(request, head: head, leftover: Array(buffer[start...]), webSocketHandler, &output)
            }
            let response = handler(request)
            output.removeAll(keepingCapacity: true)
            // A handler may end the connection (e.g. a twin playing a gateway that goes away) with
            // `Connection: close`.
            let keepAlive = head.keepAlive && response.header("Connection")?.lowercased() != "close"
            HTTPResponseSerializer.write(
                response, keepAlive: keepAlive, includeBody: head.method != "HEAD", into: &output)
            guard POSIXSocket.writeAll(fd, output), keepAlive else { return }
        }
    }

    /// Completes or refuses a WebSocket handshake (RFC 6455 §4.2.2), then serves the WebSocket.
    private func upgrade(
        _ request: HTTPRequest, head: HTTPRequestHead, leftover: [UInt8],
        _ webSocketHandler: LoopbackHTTPServer.WebSocketHandler, _ output: inout [UInt8]
    ) {
        let accept: String
        switch WebSocketHandshake.validate(request, minorVersion: head.minorVersion) {
        case .valid(let value): accept = value
        case .invalid(let refusal): return refuse(refusal, &output)
        }
        switch webSocketHandler(request) {
        case .refuse(let refusal):
            refuse(refusal, &output)
        case .accept(let session):
            guard POSIXSocket.writeAll(fd, WebSocketHandshake.switchingProtocols(accept: accept)) else {
                session.closed()
                return
            }
            LoopbackWebSocketConnection(fd: fd, session: session, maxMessageBytes: configuration.maxBodyBytes)
                .serve(leftover: leftover)
        }
    }

    private func overdue(_ started: Double) -> Bool {
        POSIXSocket.monotonicSeconds() - started > Double(configuration.requestTimeoutSeconds)
    }

    private func fill(_ buffer: inout [UInt8], _ scratch: inout [UInt8]) -> Fill {
        switch POSIXSocket.read(fd, into: &scratch) {
        case .bytes(let count):
            buffer.append(contentsOf: scratch[0..<count])
            return .more
        case .closed, .failed:
            return .closed
        case .timedOut:
            return .timedOut
        }
    }

    /// Answers with a server-made error and ends the connection: after a framing error the byte stream
    /// cannot be trusted to hold a next request.
    private func reject(_ status: Int, _ message: String, _ output: inout [UInt8]) {
        refuse(HTTPResponseSerializer.errorResponse(status: status, message: message), &output)
    }

    /// Answers with `response` and ends the connection (a rejected request or a refused WebSocket upgrade).
    private func refuse(_ response: HTTPResponse, _ output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        HTTPResponseSerializer.write(response, keepAlive: false, includeBody: true, into: &output)
        guard POSIXSocket.writeAll(fd, output) else { return }
        // Closing with unread input makes the kernel send RST, which can destroy the error response before
        // the client reads it. Half-close, then drain briefly so the client sees the answer.
        POSIXSocket.shutdownWrite(fd)
        POSIXSocket.setTimeouts(fd, seconds: 1)
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var drained = 0
        while drained < 1024 * 1024, case .bytes(let count) = POSIXSocket.read(fd, into: &scratch) {
            drained += count
        }
    }

    /// The index of `needle` in `haystack[from..<upTo]`, if any.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int, upTo: Int) -> Int? {
        guard upTo - from >= needle.count else { return nil }
        var index = from
        let last = upTo - needle.count
        while index <= last {
            if haystack[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
