import FoundationEssentials
import GatewayTwin
import IBKRAdapter
import MCPKit
import Rehearsal
import TradingDomain
import TradingSafety

/// The MCP server `valet serve --gateway twin` composes (`ServerComposition` over the twin, the IBKR adapter, the
/// guards and a scratch journal), run in this process on a `MemoryTransport` and driven with JSON-RPC lines, so a
/// tool call is timed at the server: from handing the request line to the transport to the response line coming
/// out, with no pipes or process between. The session keeper `valet serve` starts beside the server is not run.
final class InProcessServer {
    /// Which clock the stack runs on.
    enum Time {
        /// Exactly `ServeSetup`'s twin stack: the twin paced to the wall clock, the adapter sleeping for real
        /// through IBKR's pacing (10 requests/s, live orders 1 per 5 s, ...).
        case wall
        /// The same parts on the twin's virtual clock (as scenarios run them): a pacing wait advances virtual
        /// time instead of sleeping, so a call costs only the work the server, guards, adapter and twin do.
        case virtual
    }

    let transport = MemoryTransport()
    /// The twin behind a `.virtual` stack (nil for `.wall`, whose twin `ServeSetup` keeps).
    let twin: GatewayTwin?
    private let serving: Task<Void, Never>
    private var replies: AsyncStream<Data>.Iterator
    private var nextID = 1

    /// - Parameter settings: Valet environment keys for this server (e.g. `TRADING_DRY_RUN`); the rest default.
    /// - Parameter readReuse: how long the guarded broker reuses an answer (`RecentReads`); 0 makes every call ask
    ///   the gateway, as the per-call figures need (a repeated call would otherwise measure the reuse).
    init(settings: [String: String], time: Time, readReuse: TimeInterval = RecentReads.standardReuse) async throws {
        var environment = settings
        environment["HOME"] = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.temporaryDirectory.path
        let loaded = try ValetConfiguration.load(
            environment: environment, dotEnv: nil, workingDirectory: FileManager.default.currentDirectoryPath)
        let assembled: ServeSetup.Assembled
        switch time {
        case .wall:
            assembled = try await ServeSetup(gateway: .twin).assemble(loaded) { _ in }
            twin = nil
        case .virtual:
            let built = try Self.virtualStack(loaded, readReuse: readReuse)
            assembled = built.assembled
            twin = built.twin
        }
        let server = ServerComposition.makeServer(assembled)
        let transport = transport
        serving = Task { await server.serve(transport) }
        replies = transport.outgoing.makeAsyncIterator()
    }

    /// `ServeSetup`'s twin branch with the twin's virtual clock in place of the wall-clock pacer.
    private static func virtualStack(_ loaded: LoadedConfiguration, readReuse: TimeInterval) throws -> (
        assembled: ServeSetup.Assembled, twin: GatewayTwin
    ) {
        var settings = loaded.settings
        var configuration = TwinConfiguration(seed: 1)
        configuration.randomWalkInterval = 5
        if settings.accountID.isEmpty { settings.accountID = configuration.accountID }
        configuration.accountID = settings.accountID
        let twin = GatewayTwin(configuration: configuration)
        let clock = AdapterClock(now: { twin.now }, sleep: { duration in twin.advance(by: duration) })
        let journalURL = try ServeSetup.scratchJournal()
        let stack = try TradingStack.make(
            transport: twin, accountID: try AccountID(settings.accountID), policy: try SafetyPolicy(settings: settings),
            journalURL: journalURL, clock: clock, clientOrderIDPrefix: "twin1", readReuse: readReuse)
        let assembled = ServeSetup.Assembled(
            stack: stack, environmentName: .twin, dryRun: settings.dryRun, journalURL: journalURL, now: clock.now,
            sleep: clock.sleep, recorder: nil, adapterClock: clock, keepAliveInterval: nil, webhookURL: nil)
        return (assembled, twin)
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
        String(decoding: try await callLine(method: method, params: params), as: UTF8.self)
    }

    /// `call`, answering the response line's bytes.
    private func callLine(method: String, params: String) async throws -> Data {
        let id = nextID
        nextID += 1
        transport.receive(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)
        // Keys are written sorted, so a response starts with `{"id":N,` (or `{"error":`); notifications with
        // `{"jsonrpc":`.
        let prefix = Array(#"{"id":\#(id),"#.utf8)
        while let line = await replies.next() {
            if line.starts(with: prefix) { return line }
            if line.starts(with: Array(#"{"error":"#.utf8)) {
                throw BenchmarkFailure("\(method) failed: \(String(decoding: line, as: UTF8.self))")
            }
        }
        throw BenchmarkFailure("the in-process server stopped during \(method)")
    }

    /// Calls a tool; throws when the result is a tool error (`isError`), quoting it.
    @discardableResult
    func callTool(_ name: String, arguments: String) async throws -> String {
        let line = try await callLine(
            method: "tools/call", params: #"{"name":"\#(name)","arguments":\#(arguments)}"#)
        // A byte search: this check runs inside the timed call, and `String.contains` (a Character search) cost
        // more than some of the tools it checked (measured with perf on a `portfolio` result).
        if line.firstRange(of: Self.isErrorMarker) != nil {
            throw BenchmarkFailure(
                "\(name) \(arguments) answered an error: \(String(decoding: line.prefix(600), as: UTF8.self))")
        }
        return String(decoding: line, as: UTF8.self)
    }

    private static let isErrorMarker = Array(#""isError":true"#.utf8)

    /// Ends the input and waits for the server to finish.
    func close() async {
        transport.closeInput()
        await serving.value
        transport.closeOutput()
    }
}
