import FoundationEssentials
import Synchronization

/// The server's side of one client connection: the negotiated state, the requests in flight, the server's own
/// requests awaiting answers, and the single path to the transport (so lines never interleave).
final class ClientLink: Sendable {
    /// Writes one whole line to the client (the transport's single output path).
    private let send: @Sendable (Data) async -> Void
    private let stderr: @Sendable (String) -> Void
    let outboundTimeout: Duration

    /// Everything that changes, behind one lock. A lock and not an actor: every method is a few dictionary
    /// operations, and an actor hop costs a thread wake-up per request when the caller cannot switch in place
    /// (a request's task starts immediately on the reader's thread).
    private struct State {
        var era: ProtocolEra?
        /// Set by `initialize` (handshake era), so it doubles as "initialize has been answered".
        var protocolVersion: String?
        var clientCapabilities: JSONValue = .object([:])
        var logLevel: LogLevel?
        /// Requests in flight; the task is nil between `reserve` and `attach`.
        var inFlight: [RequestID: Task<Void, Never>?] = [:]
        var cancelled: Set<RequestID> = []
        /// Requests cancelled when the input ends (long waits).
        var stopAtEnd: Set<RequestID> = []
        var pending: [RequestID: CheckedContinuation<JSONValue, any Error>] = [:]
        var nextOutbound = 0
        var lastProgress: [JSONValue: Double] = [:]
        /// Resource URIs the client subscribed to (`resources/subscribe`).
        var subscriptions: Set<String> = []
    }

    private let state = Mutex(State())

    init(
        send: @escaping @Sendable (Data) async -> Void, outboundTimeout: Duration,
        stderr: @escaping @Sendable (String) -> Void
    ) {
        self.send = send
        self.outboundTimeout = outboundTimeout
        self.stderr = stderr
    }

    // MARK: Writing

    func write(_ message: JSONValue) async {
        await send(JSONWriter.data(message))
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

    // MARK: Session state

    func initialize(version: String, capabilities: JSONValue) {
        state.withLock {
            $0.protocolVersion = version
            $0.clientCapabilities = capabilities
        }
    }

    /// Starts (or, with `false`, stops) notifying this client of changes to `uri`.
    func subscribe(_ uri: String, _ on: Bool) {
        state.withLock { state in
            if on { state.subscriptions.insert(uri) } else { state.subscriptions.remove(uri) }
        }
    }

    func isSubscribed(to uri: String) -> Bool { state.withLock { $0.subscriptions.contains(uri) } }

    func setLogLevel(_ level: LogLevel) {
        state.withLock { $0.logLevel = level }
    }

    /// What admission needs, read at once: the era (settled now by the first request), the version, whether
    /// `initialize` has been answered, and the client's capabilities.
    struct Snapshot {
        var era: ProtocolEra
        var protocolVersion: String?
        var initialized: Bool
        var clientCapabilities: JSONValue
    }

    func snapshot(settlingEra first: ProtocolEra) -> Snapshot {
        state.withLock { state in
            if state.era == nil { state.era = first }
            return Snapshot(
                era: state.era ?? first,
                protocolVersion: state.protocolVersion,
                initialized: state.protocolVersion != nil,
                clientCapabilities: state.clientCapabilities
            )
        }
    }

    // MARK: Requests in flight

    /// Marks `id` as in flight before its task starts; false when the id is already in flight (ids must be
    /// unique).
    func reserve(_ id: RequestID) -> Bool {
        state.withLock { state in
            guard state.inFlight[id] == nil else { return false }
            state.inFlight.updateValue(nil, forKey: id)
            return true
        }
    }

    /// Records the task of a reserved request. The task may already have finished (then there is nothing to keep)
    /// or been cancelled before it was known (then it is cancelled now).
    func attach(_ id: RequestID, task: Task<Void, Never>, stopsAtEndOfInput: Bool = false) {
        let cancelNow = state.withLock { state -> Bool in
            guard let slot = state.inFlight[id], slot == nil else { return false }
            state.inFlight[id] = task
            if stopsAtEndOfInput { state.stopAtEnd.insert(id) }
            return state.cancelled.contains(id)
        }
        if cancelNow { task.cancel() }
    }

    /// Ends a request and tells whether its reply may be sent (not when it was cancelled).
    func finish(_ id: RequestID) -> Bool {
        state.withLock { state in
            state.inFlight[id] = nil
            state.stopAtEnd.remove(id)
            return state.cancelled.remove(id) == nil
        }
    }

    func cancel(_ id: RequestID) {
        let task = state.withLock { state -> Task<Void, Never>?? in
            guard let slot = state.inFlight[id] else { return nil }
            state.cancelled.insert(id)
            return slot
        }
        task??.cancel()
    }

    var runningTasks: [Task<Void, Never>] { state.withLock { $0.inFlight.values.compactMap { $0 } } }

    // MARK: Server-to-client requests

    /// Sends a request to the client and waits for its answer, a timeout, or cancellation of the caller.
    func request(method: String, params: JSONValue) async throws -> JSONValue {
        let id = state.withLock { state in
            state.nextOutbound += 1
            return RequestID.string("valet-\(state.nextOutbound)")
        }
        let timeout = outboundTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { await self?.fail(id, ElicitationUnavailable.timedOut, reason: "no answer in time") }
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                state.withLock { $0.pending[id] = continuation }
                // Cancelled already: never send the request (the cancellation handler may have found nothing to
                // fail yet, or failed it already; whoever removes the continuation resumes it).
                if Task.isCancelled {
                    state.withLock { $0.pending.removeValue(forKey: id) }?.resume(throwing: CancellationError())
                    return
                }
                Task {
                    await self.write(["jsonrpc": "2.0", "id": id.json, "method": .string(method), "params": params])
                }
            }
        } onCancel: {
            Task { await self.fail(id, CancellationError(), reason: "the call was cancelled") }
        }
    }

    /// Routes a client's response to the server request waiting for it; unknown ids are ignored.
    func resolve(_ id: RequestID, result: JSONValue?, error: JSONValue?) {
        guard let continuation = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return }
        if let result {
            continuation.resume(returning: result)
        } else {
            let message = error?["message"]?.stringValue ?? "the client returned an error"
            continuation.resume(throwing: ElicitationUnavailable.failed(message))
        }
    }

    private func fail(_ id: RequestID, _ error: any Error, reason: String) async {
        guard let continuation = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return }
        continuation.resume(throwing: error)
        await notify("notifications/cancelled", params: ["requestId": id.json, "reason": .string(reason)])
    }

    /// The client's input ended: no answer can come and none will be read, so questions put to the client fail
    /// and long waits are cancelled (without a reply), while every other request finishes.
    func endOfInput() {
        abandonPending()
        let waiting = state.withLock { state -> [Task<Void, Never>] in
            defer { state.stopAtEnd.removeAll() }
            return state.stopAtEnd.compactMap { id in
                state.cancelled.insert(id)
                return state.inFlight[id] ?? nil
            }
        }
        for task in waiting { task.cancel() }
    }

    /// Fails every server request still waiting for the client: after EOF no answer can come, so a tool waiting
    /// for a confirmation ends now instead of at the timeout.
    func abandonPending() {
        let waiting = state.withLock { state in
            defer { state.pending.removeAll() }
            return Array(state.pending.values)
        }
        for continuation in waiting {
            continuation.resume(throwing: ElicitationUnavailable.failed("the client closed the connection"))
        }
    }

    // MARK: Progress and logging

    func progress(token: JSONValue, progress: Double, total: Double?, message: String?) async {
        let rising = state.withLock { state -> Bool in
            guard progress.isFinite, progress > (state.lastProgress[token] ?? -.infinity) else { return false }
            state.lastProgress[token] = progress
            return true
        }
        guard rising else { return }
        var params: [String: JSONValue] = ["progressToken": token, "progress": .double(progress)]
        if let total, total.isFinite { params["total"] = .double(total) }
        if let message { params["message"] = .string(message) }
        await notify("notifications/progress", params: .object(params))
    }

    func forgetProgress(_ token: JSONValue?) {
        guard let token else { return }
        state.withLock { $0.lastProgress[token] = nil }
    }

    func log(level: LogLevel, message: String, logger: String?, requestLevel: LogLevel?) async {
        stderr("[\(level.rawValue)] \(logger.map { "\($0): " } ?? "")\(message)")
        let threshold = state.withLock { $0.era == .modern ? requestLevel : $0.logLevel }
        guard let threshold, level >= threshold else { return }
        var params: [String: JSONValue] = ["level": .string(level.rawValue), "data": .string(message)]
        if let logger { params["logger"] = .string(logger) }
        await notify("notifications/message", params: .object(params))
    }
}
