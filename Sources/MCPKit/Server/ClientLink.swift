import FoundationEssentials

/// The server's side of one client connection: the negotiated state, the requests in flight, the server's own
/// requests awaiting answers, and the single path to the transport (so lines never interleave).
actor ClientLink {
    private let transport: any LineTransport
    private let stderr: @Sendable (String) -> Void
    let outboundTimeout: Duration

    var era: ProtocolEra?
    /// Set by `initialize` (handshake era), so it doubles as "initialize has been answered".
    var protocolVersion: String?
    var initialized: Bool { protocolVersion != nil }
    var clientCapabilities: JSONValue = .object([:])
    var logLevel: LogLevel?

    private var inFlight: [RequestID: Task<Void, Never>] = [:]
    private var cancelled: Set<RequestID> = []
    private var pending: [RequestID: CheckedContinuation<JSONValue, any Error>] = [:]
    private var nextOutbound = 0
    private var lastProgress: [JSONValue: Double] = [:]

    init(transport: any LineTransport, outboundTimeout: Duration, stderr: @escaping @Sendable (String) -> Void) {
        self.transport = transport
        self.outboundTimeout = outboundTimeout
        self.stderr = stderr
    }

    // MARK: Writing

    func write(_ message: JSONValue) async {
        await transport.send(JSONWriter.data(message))
    }

    func reply(_ id: RequestID?, result: JSONValue) async {
        await write(["jsonrpc": "2.0", "id": id?.json ?? .null, "result": result])
    }

    func reply(_ id: RequestID?, error: JSONRPCError) async {
        await write(["jsonrpc": "2.0", "id": id?.json ?? .null, "error": error.json])
    }

    func notify(_ method: String, params: JSONValue) async {
        await write(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    // MARK: Requests in flight

    /// Starts a request's task and registers it in one step, so it cannot finish before it is registered;
    /// false when the id is already in flight (ids must be unique).
    func launch(_ id: RequestID, operation: @escaping @Sendable () async -> Void) -> Bool {
        guard inFlight[id] == nil else { return false }
        inFlight[id] = Task { await operation() }
        return true
    }

    func initialize(version: String, capabilities: JSONValue) {
        protocolVersion = version
        clientCapabilities = capabilities
    }

    func setLogLevel(_ level: LogLevel) {
        logLevel = level
    }

    /// What admission needs, read in one hop: the era (settled now by the first request), the version, whether
    /// `initialize` has been answered, and the client's capabilities.
    struct Snapshot {
        var era: ProtocolEra
        var protocolVersion: String?
        var initialized: Bool
        var clientCapabilities: JSONValue
    }

    func snapshot(settlingEra first: ProtocolEra) -> Snapshot {
        if era == nil { era = first }
        return Snapshot(
            era: era ?? first,
            protocolVersion: protocolVersion,
            initialized: initialized,
            clientCapabilities: clientCapabilities
        )
    }

    /// Ends a request and tells whether its reply may be sent (not when it was cancelled).
    func finish(_ id: RequestID) -> Bool {
        inFlight[id] = nil
        return cancelled.remove(id) == nil
    }

    func cancel(_ id: RequestID) {
        guard let task = inFlight[id] else { return }
        cancelled.insert(id)
        task.cancel()
    }

    var runningTasks: [Task<Void, Never>] { Array(inFlight.values) }

    // MARK: Server-to-client requests

    /// Sends a request to the client and waits for its answer, a timeout, or cancellation of the caller.
    func request(method: String, params: JSONValue) async throws -> JSONValue {
        nextOutbound += 1
        let id = RequestID.string("valet-\(nextOutbound)")
        let timeout = outboundTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { await self?.fail(id, ElicitationUnavailable.timedOut) }
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                pending[id] = continuation
                Task {
                    await self.write(["jsonrpc": "2.0", "id": id.json, "method": .string(method), "params": params])
                }
            }
        } onCancel: {
            Task { await self.fail(id, CancellationError()) }
        }
    }

    /// Routes a client's response to the server request waiting for it; unknown ids are ignored.
    func resolve(_ id: RequestID, result: JSONValue?, error: JSONValue?) {
        guard let continuation = pending.removeValue(forKey: id) else { return }
        if let result {
            continuation.resume(returning: result)
        } else {
            let message = error?["message"]?.stringValue ?? "the client returned an error"
            continuation.resume(throwing: ElicitationUnavailable.failed(message))
        }
    }

    private func fail(_ id: RequestID, _ error: any Error) async {
        guard let continuation = pending.removeValue(forKey: id) else { return }
        continuation.resume(throwing: error)
        await notify("notifications/cancelled", params: ["requestId": id.json, "reason": "no answer in time"])
    }

    // MARK: Progress and logging

    func progress(token: JSONValue, progress: Double, total: Double?, message: String?) async {
        guard progress.isFinite, progress > (lastProgress[token] ?? -.infinity) else { return }
        lastProgress[token] = progress
        var params: [String: JSONValue] = ["progressToken": token, "progress": .double(progress)]
        if let total, total.isFinite { params["total"] = .double(total) }
        if let message { params["message"] = .string(message) }
        await notify("notifications/progress", params: .object(params))
    }

    func forgetProgress(_ token: JSONValue?) {
        if let token { lastProgress[token] = nil }
    }

    func log(level: LogLevel, message: String, logger: String?, requestLevel: LogLevel?) async {
        stderr("[\(level.rawValue)] \(logger.map { "\($0): " } ?? "")\(message)")
        let threshold = era == .modern ? requestLevel : logLevel
        guard let threshold, level >= threshold else { return }
        var params: [String: JSONValue] = ["level": .string(level.rawValue), "data": .string(message)]
        if let logger { params["logger"] = .string(logger) }
        await notify("notifications/message", params: .object(params))
    }
}
