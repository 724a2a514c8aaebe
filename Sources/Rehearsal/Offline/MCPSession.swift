import Foundation
import MCPKit

/// One MCP server on an in-memory transport, driven with JSON-RPC lines exactly as a stdio client would drive
/// `valet serve`: the same parser, dispatcher and tools, without a process.
final class MCPSession: Sendable {
    let transport: MemoryTransport
    private let inbox = Inbox()
    private let serving: Task<Void, Never>
    private let reading: Task<Void, Never>

    init(server: MCPServer) {
        let transport = MemoryTransport()
        self.transport = transport
        serving = Task { await server.serve(transport) }
        let inbox = self.inbox
        reading = Task {
            for await line in transport.outgoing {
                await inbox.deliver((try? JSONParser.parse(line)) ?? .string(String(decoding: line, as: UTF8.self)))
            }
        }
    }

    /// Sends a request and returns every line the server wrote up to and including its response, in order
    /// (notifications such as progress come first). Requests are sent one at a time.
    func request(id: Int, method: String, params: JSONValue) async -> (request: JSONValue, lines: [JSONValue]) {
        let message: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params]
        transport.receive(JSONWriter.string(message))
        let lines = await inbox.until { $0["id"] == .int(id) && $0["method"] == nil }
        return (message, lines)
    }

    /// Sends a notification (no answer is expected).
    func notify(method: String) {
        transport.receive(JSONWriter.string(["jsonrpc": "2.0", "method": .string(method)]))
    }

    /// Ends the client's input and waits for the server to finish what it was doing.
    func close() async {
        transport.closeInput()
        await serving.value
        transport.closeOutput()
        await reading.value
    }
}

/// The server's lines as they arrive, handed out in order up to the one a caller waits for.
private actor Inbox {
    private var pending: [JSONValue] = []
    private var waiter:
        (predicate: @Sendable (JSONValue) -> Bool, continuation: CheckedContinuation<[JSONValue], Never>)?

    func deliver(_ line: JSONValue) {
        pending.append(line)
        if let waiter, let index = pending.firstIndex(where: waiter.predicate) {
            let lines = Array(pending[...index])
            pending.removeFirst(index + 1)
            self.waiter = nil
            waiter.continuation.resume(returning: lines)
        }
    }

    func until(_ predicate: @escaping @Sendable (JSONValue) -> Bool) async -> [JSONValue] {
        if let index = pending.firstIndex(where: predicate) {
            let lines = Array(pending[...index])
            pending.removeFirst(index + 1)
            return lines
        }
        return await withCheckedContinuation { waiter = (predicate, $0) }
    }
}
