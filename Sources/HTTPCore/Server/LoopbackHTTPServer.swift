import Dispatch
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 server on a loopback socket, for serving the gateway twin to any CPAPI client and for
/// end-to-end tests of `URLSessionTransport`.
///
/// Plain HTTP only, `Content-Length` bodies only (a POST/PUT/PATCH without one gets 411, as IBKR's gateway
/// answers), keep-alive and pipelining, one thread per connection with blocking reads bounded by a timeout.
/// With a WebSocket handler it also completes RFC 6455 upgrades; the upgraded connection keeps its thread.
/// The handler is synchronous because the twin's core is; it receives the full path (e.g. `/v1/api/tickle`)
/// and decides itself what a prefix means.
///
/// The server runs from `init` until `stop()`: its threads keep it alive, so dropping the last reference does
/// not stop it. `stop()` waits for running handlers, so a handler must not block forever.
public final class LoopbackHTTPServer: Sendable {
    /// The handler called once per request, on the connection's thread.
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
    /// Decides a WebSocket upgrade (RFC 6455) once the handshake headers checked out, on the connection's thread.
    public typealias WebSocketHandler = @Sendable (HTTPRequest) -> WebSocketAcceptance

    /// Limits and addresses; the defaults suit the twin.
    public struct Configuration: Sendable {
        /// IPv4 address to bind; keep it a loopback address unless you mean to expose the server.
        public var host: String
        /// Port to bind; 0 asks the system for a free port (read it back from `port`).
        public var port: UInt16
        /// Largest request head (request line + headers) accepted; larger answers 431.
        public var maxHeaderBytes: Int
        /// Largest request body accepted; larger answers 413.
        public var maxBodyBytes: Int
        /// Seconds a connection may stay silent (between or inside requests) before it is closed.
        public var readTimeoutSeconds: Int
        /// Seconds a client may take to deliver one whole request once it started; slower answers 408.
        public var requestTimeoutSeconds: Int
        /// Connections served at once; more are answered 503 and closed.
        public var maxConnections: Int

        public init(
            host: String = "127.0.0.1",
            port: UInt16 = 0,
            maxHeaderBytes: Int = 64 * 1024,
            maxBodyBytes: Int = 8 * 1024 * 1024,
            readTimeoutSeconds: Int = 30,
            requestTimeoutSeconds: Int = 60,
            maxConnections: Int = 128
        ) {
            self.host = host
            self.port = port
            self.maxHeaderBytes = maxHeaderBytes
            self.maxBodyBytes = maxBodyBytes
            self.readTimeoutSeconds = readTimeoutSeconds
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.maxConnections = maxConnections
        }
    }

    private struct State {
        var stopped = false
        var connections: Set<Int32> = []
        var accepted = 0
    }

    /// The port actually bound (the system's choice when the configuration asked for 0).
    public let port: UInt16
    /// The configuration the server runs with.
    public let configuration: Configuration
    private let listenFD: Int32
    private let handler: Handler
    private let webSocketHandler: WebSocketHandler?
    private let state = Mutex(State())
    /// Every server thread (accept loop and connections) is inside this group while it runs; `stop()` waits on it.
    private let running = DispatchGroup()

    /// Binds, listens and starts accepting connections at once.
    ///
    /// With `webSocket`, a request carrying `Upgrade: websocket` is checked as an RFC 6455 handshake (a malformed
    /// one answers 400 naming what is wrong) and, when the handler accepts, the connection becomes that session's
    /// WebSocket. Without it, upgrade requests reach `handler` as ordinary requests.
    /// - Throws: `LoopbackHTTPServerError` when the address is invalid or the port is taken.
    public init(
        configuration: Configuration = Configuration(), handler: @escaping Handler,
        webSocket: WebSocketHandler? = nil
    ) throws {
        let fd = POSIXSocket.makeStreamSocket()
        guard fd >= 0 else {
            throw LoopbackHTTPServerError(
                code: .socketFailed, message: "could not create a socket: \(POSIXSocket.errorText(errno))",
                hint: "check the process's open-file limit (ulimit -n)")
        }
        POSIXSocket.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
        let bound = POSIXSocket.bind(fd, host: configuration.host, port: configuration.port)
        if bound == -2 {
            POSIXSocket.close(fd)
            throw LoopbackHTTPServerError(
                code: .invalidHost, message: "`\(configuration.host)` is not an IPv4 address",
                hint: "use 127.0.0.1 (loopback) or another dotted IPv4 address")
        }
        if bound != 0 {
            let error = errno
            POSIXSocket.close(fd)
            let taken = error == EADDRINUSE
            throw LoopbackHTTPServerError(
                code: taken ? .portInUse : .bindFailed,
                message: "could not bind \(configuration.host):\(configuration.port): \(POSIXSocket.errorText(error))",
                hint: taken
                    ? "another process listens on port \(configuration.port); stop it or choose another port (0 picks a free one)"
                    : "check the address and that the process may bind this port")
        }
        guard listen(fd, 128) == 0, let actualPort = POSIXSocket.boundPort(fd) else {
            let error = errno
            POSIXSocket.close(fd)
            throw LoopbackHTTPServerError(
                code: .listenFailed, message: "could not listen on the socket: \(POSIXSocket.errorText(error))",
                hint: "retry; if it persists, check system socket limits")
        }
        self.listenFD = fd
        self.port = actualPort
        self.configuration = configuration
        self.handler = handler
        self.webSocketHandler = webSocket
        running.enter()
        // Each serial queue of its own runs on a dedicated (overcommit) thread, so blocking calls are fine there.
        DispatchQueue(label: "LoopbackHTTPServer.accept").async { [self] in
            acceptLoop()
            running.leave()
        }
    }

    deinit {
        stop()
    }

    /// How many connections have been admitted since start (keep-alive reuse shows as a small number).
    public var connectionsAccepted: Int { state.withLock { $0.accepted } }

    /// Stops accepting, closes every open connection and waits until all server threads have ended.
    /// Calling it again does nothing. A handler already running finishes; its response may not be delivered.
    public func stop() {
        let first: Bool = state.withLock { state in
            if state.stopped { return false }
            state.stopped = true
            // Under the lock: a connection thread removes its descriptor here before closing it, so every
            // number in the set is still ours — outside the lock it could already belong to another socket.
            for fd in state.connections { POSIXSocket.shutdownBoth(fd) }
            return true
        }
        guard first else { return }
        // On Linux, close() alone does not wake a thread blocked in accept(); shutdown() does.
        POSIXSocket.shutdownBoth(listenFD)
        running.wait()
        POSIXSocket.close(listenFD)
    }

    private func acceptLoop() {
        while true {
            let fd = POSIXSocket.accept(listenFD)
            if fd < 0 {
                let error = errno
                if state.withLock({ $0.stopped }) { return }
                if error == EINTR || error == ECONNABORTED { continue }
                // Out of descriptors or similar: back off briefly instead of spinning.
                usleep(10_000)
                continue
            }
            let admitted: Bool? = state.withLock { state in
                if state.stopped { return nil }
                guard state.connections.count < configuration.maxConnections else { return false }
                state.connections.insert(fd)
                state.accepted += 1
                return true
            }
            switch admitted {
            case nil:
                POSIXSocket.close(fd)
                return
            case false:
                POSIXSocket.preventSIGPIPE(fd)
                refuseBusy(fd)
            case true:
                startConnection(fd)
            }
        }
    }

    private func refuseBusy(_ fd: Int32) {
        var bytes: [UInt8] = []
        let response = HTTPResponseSerializer.errorResponse(
            status: 503, message: "too many open connections (\(configuration.maxConnections)); retry shortly")
        HTTPResponseSerializer.write(response, keepAlive: false, includeBody: true, into: &bytes)
        _ = POSIXSocket.writeAll(fd, bytes)
        POSIXSocket.close(fd)
    }

    private func startConnection(_ fd: Int32) {
        POSIXSocket.setTimeouts(fd, seconds: configuration.readTimeoutSeconds)
        POSIXSocket.disableNagle(fd)
        POSIXSocket.preventSIGPIPE(fd)
        running.enter()
        let connection = LoopbackConnection(
            fd: fd, configuration: configuration, handler: handler, webSocketHandler: webSocketHandler)
        DispatchQueue(label: "LoopbackHTTPServer.connection").async { [self] in
            connection.serve()
            // Forget the descriptor before closing it, so stop() never shuts down a reused number.
            state.withLock { _ = $0.connections.remove(fd) }
            POSIXSocket.close(fd)
            running.leave()
        }
    }
}
