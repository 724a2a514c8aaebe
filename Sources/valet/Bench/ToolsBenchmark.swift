import Foundation

/// Per-call time of the main tools measured at the server (in process, over a `MemoryTransport`), and the time
/// from spawning `valet serve` to the first `tools/call` result over its pipes.
struct ToolsBenchmark {
    /// Timed calls per tool (after a warm-up).
    var calls: Int
    var spawns: Int
    var warmUp = 50

    /// Settings that let many identical buys through: no duplicate window, caps far above the orders.
    static let settings = [
        "DUPLICATE_WINDOW_SECONDS": "0", "MAX_ORDER_VALUE": "1000000", "MAX_DAILY_VALUE": "",
    ]

    func run(io: ConsoleIO) async throws {
        var live = Self.settings
        live["TRADING_DRY_RUN"] = "false"
        let server = try InProcessServer(settings: live)
        try await server.initialize()
        let measured: [(tool: String, arguments: String, label: String)] = [
            ("get_quote", #"{"symbol":"AAPL"}"#, "get_quote"),
            ("portfolio", "{}", "portfolio"),
        ]
        for (tool, arguments, label) in measured {
            let times = try await time(server, tool: tool, arguments: arguments)
            io.out("tools.\(label): \(Summary(times).brief), target median < 1 ms (\(calls) calls in process)")
        }
        let buy = #"{"symbol":"KO","quantity":1}"#
        let real = try await time(server, tool: "buy", arguments: buy)
        await server.close()

        var dry = Self.settings
        dry["TRADING_DRY_RUN"] = "true"
        let dryServer = try InProcessServer(settings: dry)
        try await dryServer.initialize()
        let dryRun = try await time(dryServer, tool: "buy", arguments: buy)
        await dryServer.close()
        io.out(
            "tools.buy_dry_run: \(Summary(dryRun).brief), target median < 1 ms (\(calls) market buys of 1 KO, "
                + "TRADING_DRY_RUN=true, in process)")
        io.out(
            "tools.buy_twin: \(Summary(real).brief), target median < 1 ms (\(calls) market buys of 1 KO sent to the "
                + "twin and filled, dry-run off, DUPLICATE_WINDOW_SECONDS=0, in process)")

        try startToFirstResult(io: io)
    }

    /// Warms up, then times `calls` calls of one tool.
    private func time(_ server: InProcessServer, tool: String, arguments: String) async throws -> [Duration] {
        for _ in 0..<warmUp { try await server.callTool(tool, arguments: arguments) }
        let clock = ContinuousClock()
        var times: [Duration] = []
        times.reserveCapacity(calls)
        for _ in 0..<calls {
            let start = clock.now
            try await server.callTool(tool, arguments: arguments)
            times.append(clock.now - start)
        }
        return times
    }

    /// Spawn of `valet serve` (twin) to the first `tools/call get_quote` result: initialize, wait for its result,
    /// send initialized and the call, wait for the call's result.
    private func startToFirstResult(io: ConsoleIO) throws {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in Self.settings { environment[key] = value }
        let clock = ContinuousClock()
        var times: [Duration] = []
        for _ in 0..<spawns {
            let start = clock.now
            let child = try ChildServer(
                executable: ChildServer.selfExecutable, arguments: ["serve"], environment: environment)
            child.send(MCPBenchmark.initialize)
            guard child.readLine() != nil else { throw BenchmarkFailure("the server closed before initialize") }
            child.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            child.send(
                #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_quote","arguments":{"symbol":"AAPL"}}}"#
            )
            var answer: String?
            while let line = child.readLine() {
                if line.hasPrefix(#"{"id":1,"#) || line.hasPrefix(#"{"error":"#) {
                    answer = line
                    break
                }
            }
            times.append(clock.now - start)
            child.finish()
            guard let answer, answer.hasPrefix(#"{"id":1,"#), !answer.contains(#""isError":true"#) else {
                throw BenchmarkFailure("the first tools/call failed: \(answer ?? "no answer")")
            }
        }
        io.out(
            "tools.start_to_first_result: \(Summary(times).brief), target < 50 ms (\(spawns) spawns of valet serve, "
                + "twin; initialize, then tools/call get_quote AAPL over pipes)")
    }
}
