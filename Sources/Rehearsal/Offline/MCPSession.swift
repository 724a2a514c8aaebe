import FoundationEssentials
import MCPKit

/// One MCP server on an in-memory transport, driven one request at a time with JSON-RPC lines exactly as a stdio
/// client would drive `valet serve`: the same parser, dispatcher and tools, without a process.
final class MCPSession: Sendable {
    private let client: InProcessClient

    init(server: MCPServer) {
        client = InProcessClient(server: server)
    }

    /// Sends a request and returns every line the server wrote up to and including its response, in order.
    func request(id: Int, method: String, params: JSONValue) async -> (request: JSONValue, lines: [JSONValue]) {
        await client.exchange(id, method, params)
    }

    /// Sends a notification (no answer is expected).
    func notify(method: String) {
        client.send(["jsonrpc": "2.0", "method": .string(method)])
    }

    /// Ends the client's input and waits for the server to finish what it was doing.
    func close() async {
        await client.finish()
    }
}
