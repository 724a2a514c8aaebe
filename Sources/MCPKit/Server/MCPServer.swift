import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Model Context Protocol server over a line transport, speaking both eras: the `initialize` handshake
/// (2024-11-05 … 2025-11-25) and the stateless 2026-07-28 revision with `server/discover` and a per-request
/// envelope. The client's first request decides the era for the whole connection.
///
/// Each request runs in its own task, so a slow tool never delays `ping` or another call; cancelled requests
/// get no reply; protocol errors are JSON-RPC errors and the server keeps serving after every one.
public final class MCPServer: Sendable {
    public let info: ServerInfo
    public let instructions: String?
    let tools: [Tool]
    let toolsByName: [String: Tool]
    let resources: [Resource]
    let prompts: [Prompt]
    let pagination: Pagination
    let outboundTimeout: Duration
    let stderr: @Sendable (String) -> Void
    let validator = SchemaValidator()
    /// Slots shared by read-only tools that reach the outside world (see `ConcurrencyLimit`).
    let readSlots: ConcurrencyLimit
    /// Change notices for subscribed resources; nil: subscriptions are not offered.
    let updates: ResourceUpdates?

    /// - Parameters:
    ///   - pageSize: items per page of the list methods.
    ///   - outboundTimeout: how long to wait for a client's answer to an elicitation.
    ///   - maximumConcurrentReads: read-only tools reaching the outside world that may run at once; more wait.
    ///     Tools that change something (orders) never wait for one.
    ///   - updates: where the application announces resource changes; given one, the server offers
    ///     `resources/subscribe` and sends `notifications/resources/updated` to subscribers.
    ///   - stderr: where log lines go (never standard output, which carries protocol only).
    public init(
        info: ServerInfo,
        instructions: String? = nil,
        tools: [Tool] = [],
        resources: [Resource] = [],
        prompts: [Prompt] = [],
        pageSize: Int = 50,
        outboundTimeout: Duration = .seconds(300),
        maximumConcurrentReads: Int = 8,
        updates: ResourceUpdates? = nil,
        stderr: @escaping @Sendable (String) -> Void = MCPServer.standardError
    ) {
        self.info = info
        self.instructions = instructions
        self.tools = tools
        self.toolsByName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.resources = resources
        self.prompts = prompts
        self.pagination = Pagination(pageSize: max(1, pageSize))
        self.outboundTimeout = outboundTimeout
        self.stderr = stderr
        self.readSlots = ConcurrencyLimit(limit: maximumConcurrentReads)
        self.updates = updates
    }

    /// Writes one line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        _ = FileDescriptorWriter.writeAll(Data((line + "\n").utf8), to: 2)
    }

    /// Serves one connection until its input ends, then stops the tools that wait long (`Tool.waitsLong`) and any
    /// question put to the client, waits for the requests still running, and returns.
    public func serve(_ transport: any LineTransport) async {
        let link = ClientLink(send: transport.send, outboundTimeout: outboundTimeout, stderr: stderr)
        updates?.attach(link)
        defer { updates?.detach(link) }
        for await item in transport.incoming {
            await take(item, link: link)
        }
        link.endOfInput()
        for task in link.runningTasks { await task.value }
    }

    /// Serves standard input and output until EOF, then ends as `serve` does: long waits are cancelled (a client that
    /// closed its input reads no answer), other requests finish, and it returns so the process can exit.
    ///
    /// Each line is taken on the thread that read it, and the reader moves to the next line only once the previous
    /// one has been taken (its request launched), so messages are taken in order as in `serve`. A request whose
    /// work is bounded and local is answered by the reading thread itself, with no wake-up of another thread (see
    /// `runsInline`); every other request runs in its own task on the cooperative pool.
    public func serveStandardIO(maximumLineBytes: Int = 4 * 1024 * 1024) async {
        // A closed stdout must become an EPIPE error on write, not a signal that kills the server.
        signal(SIGPIPE, SIG_IGN)
        let output = FileDescriptorWriter(descriptor: STDOUT_FILENO)
        let link = ClientLink(send: { output.write($0) }, outboundTimeout: outboundTimeout, stderr: stderr)
        updates?.attach(link)
        defer { updates?.detach(link) }
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            StandardInput.read(maximumLineBytes: maximumLineBytes) { item in
                guard let item else { return ended.resume() }
                let taken = DispatchSemaphore(value: 0)
                Task.immediate {
                    await self.take(item, link: link)
                    taken.signal()
                }
                taken.wait()
            }
        }
        link.endOfInput()
        for task in link.runningTasks { await task.value }
    }

    /// Handles one line: a message, or notice that a line was too long.
    private func take(_ item: IncomingLine, link: ClientLink) async {
        switch item {
        case .tooLong(let count):
            await link.reply(
                nil,
                error: .invalidRequest(
                    "Invalid request: a message of \(count) bytes exceeds the 4 MiB limit and was dropped"
                )
            )
        case .line(let data):
            await receive(IncomingMessage.parse(data), link: link)
        }
    }

    private func receive(_ message: IncomingMessage, link: ClientLink) async {
        switch message {
        case .invalid(let id, let error):
            await link.reply(id, error: error)
        case .response(let id, let result, let error):
            link.resolve(id, result: result, error: error)
        case .notification(let method, let params):
            await notification(method, params: params, link: link)
        case .request(let id, let method, let params):
            await request(id: id, method: method, params: params ?? [:], link: link)
        }
    }

    private func notification(_ method: String, params: [String: JSONValue]?, link: ClientLink) async {
        switch method {
        case "notifications/cancelled":
            // `initialize` is never cancelled; unknown or finished ids are ignored, as the protocol allows.
            if let raw = params?["requestId"], let id = RequestID(json: raw) { link.cancel(id) }
        default:
            // `notifications/initialized` needs no action; other notifications are ignored, never answered.
            break
        }
    }

    private func request(id: RequestID, method: String, params: [String: JSONValue], link: ClientLink) async {
        let envelope = params["_meta"]?[ProtocolVersion.MetaKey.protocolVersion]
        let state = link.snapshot(settlingEra: method != "initialize" && envelope != nil ? .modern : .handshake)
        let context: RequestContext
        do {
            context = try admit(id: id, method: method, params: params, state: state)
        } catch let error as JSONRPCError {
            await link.reply(id, error: error)
            return
        } catch {
            await link.reply(id, error: .internalError("Internal error"))
            return
        }
        if method == "initialize" {
            // Inline, so requests pipelined behind it see the negotiated state.
            await respond(id: id, method: method, params: params, context: context, link: link)
            return
        }
        guard link.reserve(id) else {
            await link.reply(
                id, error: .invalidRequest("Invalid request: id \(id) is already in use by a running request"))
            return
        }
        // Every request has its own task. One whose work is bounded and local starts on this thread, so it is
        // answered without waking another; anything that may be slow (the gateway, a wait, a file) starts on the
        // pool, so it never delays reading the next message, a ping or a cancellation.
        let operation: @Sendable () async -> Void = {
            await self.respond(id: id, method: method, params: params, context: context, link: link)
        }
        let task =
            runsInline(method: method, params: params)
            ? Task.immediate(operation: operation) : Task(operation: operation)
        link.attach(id, task: task, stopsAtEndOfInput: waitsLong(method: method, params: params))
    }

    /// A call of a tool that waits long: cancelled at the end of input.
    private func waitsLong(method: String, params: [String: JSONValue]) -> Bool {
        guard method == "tools/call", let name = params["name"]?.stringValue else { return false }
        return toolsByName[name]?.waitsLong ?? false
    }

    /// Protocol methods that only read the server's own tables, and tools that declare they touch nothing outside
    /// the server (`openWorldHint: false`), e.g. the market calendar.
    private func runsInline(method: String, params: [String: JSONValue]) -> Bool {
        switch method {
        case "ping", "server/discover", "logging/setLevel", "tools/list", "resources/list", "resources/templates/list",
            "prompts/list":
            return true
        case "tools/call":
            guard let name = params["name"]?.stringValue, let tool = toolsByName[name] else { return true }
            return !tool.annotations.openWorldHint
        default:
            return false
        }
    }

    private func respond(
        id: RequestID,
        method: String,
        params: [String: JSONValue],
        context: RequestContext,
        link: ClientLink
    ) async {
        let outcome: Result<JSONValue, JSONRPCError>
        do {
            outcome = .success(try await handle(method: method, params: params, context: context, link: link))
        } catch let error as JSONRPCError {
            outcome = .failure(error)
        } catch {
            stderr("mcp: \(method) failed: \(error)")
            outcome = .failure(.internalError("Internal error while handling \(method)"))
        }
        link.forgetProgress(context.progressToken)
        if method != "initialize" {
            guard link.finish(id) else { return }
        }
        switch outcome {
        case .success(let result): await link.reply(id, result: context.shape(result, method: method, info: info))
        case .failure(let error): await link.reply(id, error: error)
        }
    }
}
