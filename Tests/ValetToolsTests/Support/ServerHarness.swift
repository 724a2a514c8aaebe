import Foundation
import MCPKit

/// Runs an `MCPServer` on an in-memory transport: tests write client JSON-RPC lines and read the server's
/// messages (the same harness as MCPKit's tests; test targets cannot share files).
final class ServerHarness: Sendable {
    let transport: MemoryTransport
    let server: MCPServer
    private let collector = MessageCollector()
    private let serving: Task<Void, Never>
    private let draining: Task<Void, Never>

    init(server: MCPServer, maximumLineBytes: Int = 4 * 1024 * 1024) {
        let transport = MemoryTransport(maximumLineBytes: maximumLineBytes)
        self.transport = transport
        self.server = server
        serving = Task { await server.serve(transport) }
        let collector = self.collector
        draining = Task {
            for await line in transport.outgoing {
                let value =
                    (try? JSONDecoder().decode(JSONValue.self, from: line))
                    ?? .string(String(decoding: line, as: UTF8.self))
                await collector.append(value)
            }
        }
    }

    func send(_ line: String) { transport.receive(line) }

    func send(_ message: JSONValue) { transport.receive(JSONCoding.string(message)) }

    /// Sends a request and waits for the response with the same id.
    func request(_ id: Int, _ method: String, _ params: JSONValue? = nil) async -> JSONValue {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        send(.object(message))
        return await response(to: .int(id))
    }

    /// Performs the handshake at a version.
    @discardableResult
    func initialize(version: String = "2025-11-25", capabilities: JSONValue = [:]) async -> JSONValue {
        let result = await request(
            0,
            "initialize",
            [
                "protocolVersion": .string(version), "capabilities": capabilities,
                "clientInfo": ["name": "t", "version": "1"],
            ]
        )
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        return result
    }

    func response(to id: JSONValue) async -> JSONValue {
        await collector.first { $0["id"] == id && $0["method"] == nil }
    }

    /// Waits for the first message matching a predicate (a server request or notification).
    func message(where predicate: @escaping @Sendable (JSONValue) -> Bool) async -> JSONValue {
        await collector.first(where: predicate)
    }

    /// Ends the input, waits for the server to finish, and returns every message it wrote.
    func finish() async -> [JSONValue] {
        transport.closeInput()
        await serving.value
        transport.closeOutput()
        await draining.value
        return await collector.all
    }
}

/// Collects the server's messages and lets tests wait for one.
actor MessageCollector {
    private(set) var all: [JSONValue] = []
    private var waiters:
        [(predicate: @Sendable (JSONValue) -> Bool, continuation: CheckedContinuation<JSONValue, Never>)] = []

    func append(_ value: JSONValue) {
        all.append(value)
        if let index = waiters.firstIndex(where: { $0.predicate(value) }) {
            waiters.remove(at: index).continuation.resume(returning: value)
        }
    }

    func first(where predicate: @escaping @Sendable (JSONValue) -> Bool) async -> JSONValue {
        if let found = all.first(where: predicate) { return found }
        return await withCheckedContinuation { waiters.append((predicate, $0)) }
    }
}

extension JSONValue {
    var errorCode: Int? { self["error"]?["code"]?.intValue }
    var result: JSONValue? { self["result"] }
}

/// Envelope `_meta` of a 2026-07-28 request.
func modernMeta(version: String = "2026-07-28", capabilities: JSONValue = [:]) -> JSONValue {
    [
        "io.modelcontextprotocol/protocolVersion": .string(version),
        "io.modelcontextprotocol/clientCapabilities": capabilities,
        "io.modelcontextprotocol/clientInfo": ["name": "t", "version": "1"],
    ]
}
