import Foundation
import MCPKit
import TradingSafety

/// The MCP server `valet serve --gateway twin` composes (same `ServeSetup` and `ServerComposition`), run in this
/// process on a `MemoryTransport` and driven with JSON-RPC lines, so a tool call is timed at the server: from
/// handing the request line to the transport to the response line coming out, with no pipes or process between.
/// The session keeper that `valet serve` starts beside the server is not started here.
final class InProcessServer {
    let transport = MemoryTransport()
    private let serving: Task<Void, Never>
    private var replies: AsyncStream<Data>.Iterator
    private var nextID = 1

    /// - Parameter settings: Valet environment keys for this server (e.g. `TRADING_DRY_RUN`); the rest default.
    init(settings: [String: String]) throws {
        var environment = settings
        environment["HOME"] = ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()
        let loaded = try ValetConfiguration.load(
            environment: environment, dotEnv: nil, workingDirectory: FileManager.default.currentDirectoryPath)
        let assembled = try ServeSetup(gateway: .twin).assemble(loaded) { _ in }
        let server = ServerComposition.makeServer(assembled)
        let transport = transport
        serving = Task { await server.serve(transport) }
        replies = transport.outgoing.makeAsyncIterator()
    }

    /// Sends `initialize` and `notifications/initialized`.
    func initialize() async throws {
        _ = try await call(method: "initialize", params: MCPBenchmark.initializeParams)
        transport.receive(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
    }

    /// Sends one request and waits for its response line (notifications before it are skipped); returns the line.
    /// - Throws: `BenchmarkFailure` when the answer is a JSON-RPC error or the server stops.
    @discardableResult
    func call(method: String, params: String) async throws -> String {
        let id = nextID
        nextID += 1
        transport.receive(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)
        // Keys are written sorted, so a response starts with `{"id":N,` (or `{"error":`); notifications with
        // `{"jsonrpc":`.
        let prefix = Array(#"{"id":\#(id),"#.utf8)
        while let line = await replies.next() {
            if line.starts(with: prefix) { return String(decoding: line, as: UTF8.self) }
            if line.starts(with: Array(#"{"error":"#.utf8)) {
                throw BenchmarkFailure("\(method) failed: \(String(decoding: line, as: UTF8.self))")
            }
        }
        throw BenchmarkFailure("the in-process server stopped during \(method)")
    }

    /// Calls a tool; throws when the result is a tool error (`isError`), quoting it.
    @discardableResult
    func callTool(_ name: String, arguments: String) async throws -> String {
        let line = try await call(method: "tools/call", params: #"{"name":"\#(name)","arguments":\#(arguments)}"#)
        if line.contains(#""isError":true"#) {
            throw BenchmarkFailure("\(name) \(arguments) answered an error: \(line.prefix(600))")
        }
        return line
    }

    /// Ends the input and waits for the server to finish.
    func close() async {
        transport.closeInput()
        await serving.value
        transport.closeOutput()
    }
}
