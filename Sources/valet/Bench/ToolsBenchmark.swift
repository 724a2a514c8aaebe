import FoundationEssentials

/// Per-call time of the main tools measured at the server (in process, over a `MemoryTransport`), and the time
/// from spawning `valet serve` to the first `tools/call` result over its pipes.
///
/// The per-call figures run the serve composition on the twin's virtual clock: back to back, IBKR's pacing (which
/// the adapter enforces: snapshots 10/s, live orders 1 per 5 s) would otherwise be what is measured. One short
/// extra figure shows a sustained `get_quote` on the wall-clock stack, where that pacing does bite.
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
        let server = try await InProcessServer(settings: live, time: .virtual)
        try await server.initialize()
        let virtualStart = server.twin?.now
        let measured: [(tool: String, arguments: String, label: String)] = [
            ("get_quote", #"{"symbol":"AAPL"}"#, "get_quote"),
            ("portfolio", "{}", "portfolio"),
        ]
        for (tool, arguments, label) in measured {
            let times = try await time(server, tool: tool, arguments: arguments)
            io.out(
                "tools.\(label): \(Summary(times).brief), target median < 1 ms (\(calls) calls in process, "
                    + "virtual-clock stack)")
        }
        let buy = #"{"symbol":"KO","quantity":1}"#
        let real = try await time(server, tool: "buy", arguments: buy)
        var waited = "?"
        if let virtualStart, let end = server.twin?.now {
            waited = end.timeIntervalSince(virtualStart).fixed(0)
        }
        await server.close()

        var dry = Self.settings
        dry["TRADING_DRY_RUN"] = "true"
        let dryServer = try await InProcessServer(settings: dry, time: .virtual)
        try await dryServer.initialize()
        let dryRun = try await time(dryServer, tool: "buy", arguments: buy)
        await dryServer.close()
        io.out(
            "tools.buy_dry_run: \(Summary(dryRun).brief), target median < 1 ms (\(calls) market buys of 1 KO, "
                + "TRADING_DRY_RUN=true, in process, virtual-clock stack; first 100 calls: "
                + "\(Summary(Array(dryRun.prefix(100))).brief))")
        io.out(
            "tools.buy_twin: \(Summary(real).brief), target median < 1 ms (\(calls) market buys of 1 KO sent to the "
                + "twin and filled, dry-run off, DUPLICATE_WINDOW_SECONDS=0, in process, virtual-clock stack; "
                + "IBKR pacing waits over the whole run advanced the virtual clock \(waited) s; the journal grows by "
                + "one order per call, first 100 calls: \(Summary(Array(real.prefix(100))).brief))")

        let paced = try await InProcessServer(settings: live, time: .wall)
        try await paced.initialize()
        let pacedQuotes = try await time(
            paced, tool: "get_quote", arguments: #"{"symbol":"AAPL"}"#, count: 30, warmUp: 1)
        await paced.close()
        io.out(
            "tools.get_quote_wall_clock: \(Summary(pacedQuotes).brief), informational (30 back-to-back calls on "
                + "valet serve's own wall-clock twin stack, in process: IBKR's snapshot pacing of 10/s sets the pace)")

        try startToFirstResult(io: io)
    }

    /// Warms up, then times `calls` calls of one tool.
    private func time(
        _ server: InProcessServer, tool: String, arguments: String, count: Int? = nil, warmUp: Int? = nil
    ) async throws -> [Duration] {
        for _ in 0..<(warmUp ?? self.warmUp) { try await server.callTool(tool, arguments: arguments) }
        let clock = ContinuousClock()
        var times: [Duration] = []
        let count = count ?? calls
        times.reserveCapacity(count)
        for _ in 0..<count {
            let start = clock.now
            try await server.callTool(tool, arguments: arguments)
            times.append(clock.now - start)
        }
        return times
    }

    /// Spawn of `valet serve` (twin) to the first `tools/call` result: initialize, wait for its result, send
    /// initialized and the call, wait for the call's result. `portfolio` is the headline (a gateway round trip on
    /// a cold session); `get_quote` adds the adapter's snapshot warm-up (IBKR's first snapshot has no prices).
    private func startToFirstResult(io: ConsoleIO) throws {
        let cases = [
            ("start_to_first_result", "portfolio", "{}", "target < 50 ms"),
            ("start_to_first_quote", "get_quote", #"{"symbol":"AAPL"}"#, "informational"),
            ("start_to_first_market_status", "market_status", "{}", "informational, no gateway request"),
        ]
        for (label, tool, arguments, target) in cases {
            let times = try spawnTimes(tool: tool, arguments: arguments)
            io.out(
                "tools.\(label): \(Summary(times).brief), \(target) (\(spawns) spawns of valet serve on the twin; "
                    + "initialize, then tools/call \(tool) \(arguments) over pipes)")
        }
    }

    private func spawnTimes(tool: String, arguments: String) throws -> [Duration] {
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
                #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#
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
                throw BenchmarkFailure("the first tools/call \(tool) failed: \(answer ?? "no answer")")
            }
        }
        return times
    }
}
