import FoundationEssentials

/// Drives an `MCPServer` in process over a `MemoryTransport` with JSON-RPC lines, exactly as a stdio client drives
/// `valet serve` but without a process: for tests, scenario runs and benchmarks. Every line the server writes is
/// kept in order.
public final class InProcessClient: Sendable {
    public let transport: MemoryTransport
    public let server: MCPServer
    private let inbox = Inbox()
    private let serving: Task<Void, Never>
    private let draining: Task<Void, Never>

    /// Starts serving at once.
    public init(server: MCPServer, maximumLineBytes: Int = 4 * 1024 * 1024) {
        let transport = MemoryTransport(maximumLineBytes: maximumLineBytes)
        self.transport = transport
        self.server = server
        serving = Task { await server.serve(transport) }
        let inbox = self.inbox
        draining = Task {
            for await line in transport.outgoing {
                await inbox.append((try? JSONParser.parse(line)) ?? .string(String(decoding: line, as: UTF8.self)))
            }
        }
    }

    /// Sends one raw line (a newline is added).
    public func send(_ line: String) { transport.receive(line) }

    /// Sends one message.
    public func send(_ message: JSONValue) { transport.receive(JSONWriter.string(message)) }

    /// Sends a request and waits for the response with the same id.
    public func request(_ id: Int, _ method: String, _ params: JSONValue? = nil) async -> JSONValue {
        send(Self.request(id, method, params))
        return await response(to: .int(id))
    }

    /// Sends a request and returns every line the server wrote since the previous `exchange`, up to and including
    /// the response (notifications such as progress come first). For one-request-at-a-time drivers.
    public func exchange(_ id: Int, _ method: String, _ params: JSONValue? = nil) async -> (
        request: JSONValue, lines: [JSONValue]
    ) {
        let message = Self.request(id, method, params)
        send(message)
        let lines = await inbox.take { $0["id"] == .int(id) && $0["method"] == nil }
        return (message, lines)
    }

    /// Performs the handshake at a version and sends `notifications/initialized`.
    @discardableResult
    public func initialize(version: String = "2025-11-25", capabilities: JSONValue = [:], id: Int = 0) async
        -> JSONValue
    {
        let result = await request(
            id,
            "initialize",
            [
                "protocolVersion": .string(version), "capabilities": capabilities,
                "clientInfo": ["name": "t", "version": "1"],
            ]
        )
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        return result
    }

    /// The response to a request id (waits until it arrives).
    public func response(to id: JSONValue) async -> JSONValue {
        await inbox.first { $0["id"] == id && $0["method"] == nil }
    }

    /// The first message matching a predicate, such as a server request or a notification (waits until it arrives).
    public func message(where predicate: @escaping @Sendable (JSONValue) -> Bool) async -> JSONValue {
        await inbox.first(where: predicate)
    }

    /// Ends the input, waits for the server to finish what it was doing, and returns every line it wrote.
    @discardableResult
    public func finish() async -> [JSONValue] {
        transport.closeInput()
        await serving.value
        transport.closeOutput()
        await draining.value
        return await inbox.all
    }

    private static func request(_ id: Int, _ method: String, _ params: JSONValue?) -> JSONValue {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        return .object(message)
    }
}

/// The server's lines as they arrive: searchable from the start (`first`) or handed out in order (`take`).
private actor Inbox {
    private(set) var all: [JSONValue] = []
    private var taken = 0
    private var waiters: [(predicate: @Sendable (JSONValue) -> Bool, resume: @Sendable (Int) -> Void)] = []

    func append(_ value: JSONValue) {
        all.append(value)
        let index = all.count - 1
        var remaining: [(predicate: @Sendable (JSONValue) -> Bool, resume: @Sendable (Int) -> Void)] = []
        for waiter in waiters {
            if waiter.predicate(value) { waiter.resume(index) } else { remaining.append(waiter) }
        }
        waiters = remaining
    }

    /// The index of the first line at or after `start` matching the predicate, waiting for it if needed.
    private func index(from start: Int, where predicate: @escaping @Sendable (JSONValue) -> Bool) async -> Int {
        if let found = all.indices.dropFirst(start).first(where: { predicate(all[$0]) }) { return found }
        return await withCheckedContinuation { continuation in
            waiters.append((predicate, { continuation.resume(returning: $0) }))
        }
    }

    func first(where predicate: @escaping @Sendable (JSONValue) -> Bool) async -> JSONValue {
        all[await index(from: 0, where: predicate)]
    }

    func take(through predicate: @escaping @Sendable (JSONValue) -> Bool) async -> [JSONValue] {
        let end = await index(from: taken, where: predicate)
        defer { taken = end + 1 }
        return Array(all[taken...end])
    }
}
