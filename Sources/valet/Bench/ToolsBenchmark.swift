import FoundationEssentials

/// Per-call time of the main tools measured at the server (in process, over a `MemoryTransport`), and the time
/// from spawning `valet serve` to the first `tools/call` result over its pipes.
///
/// The per-call figures run the serve composition on the twin's virtual clock: back to back, IBKR's pacing (which
/// the adapter enforces: snapshots 10/s, live orders 1 per 5 s) would otherwise be what is measured. The same calls
/// are then timed through a spawned `valet serve` on its wall clock, where that pacing does bite. Both use
/// `settings`: no duplicate window (the same buy is repeated), caps far above the orders.
struct ToolsBenchmark {
    /// Timed calls per tool (after a warm-up).
    var calls: Int
    var spawns: Int
    var warmUp = 50

    /// Settings that let many identical buys through: no duplicate window, caps far above the orders.
    static let settings = [
        "DUPLICATE_WINDOW_SECONDS": "0", "MAX_ORDER_VALUE": "1000000", "MAX_DAILY_VALUE": "",
    ]

    func run(io: ConsoleIO, score: inout BenchScore) async throws {
        var live = Self.settings
        live["TRADING_DRY_RUN"] = "false"
        let server = try await InProcessServer(settings: live, time: .virtual, readReuse: 0)
        try await server.initialize()
        let virtualStart = server.twin?.now
        let measured: [(tool: String, arguments: String, label: String)] = [
            ("get_quote", #"{"symbol":"AAPL"}"#, "get_quote"),
            ("portfolio", "{}", "portfolio"),
        ]
        for (tool, arguments, label) in measured {
            let times = try await time(server, tool: tool, arguments: arguments)
            score.report(
                "tools.\(label)", Summary(times).brief, value: Summary(times).median, target: Self.perCall,
                details: "\(calls) calls in process, \(Self.conditions)", io: io)
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
        let dryServer = try await InProcessServer(settings: dry, time: .virtual, readReuse: 0)
        try await dryServer.initialize()
        let dryRun = try await time(dryServer, tool: "buy", arguments: buy)
        await dryServer.close()
        score.report(
            "tools.buy_dry_run", Summary(dryRun).brief, value: Summary(dryRun).median, target: Self.perCall,
            details:
                "\(calls) market buys of 1 KO, TRADING_DRY_RUN=true, in process, \(Self.conditions); first 100 calls: "
                + Summary(Array(dryRun.prefix(100))).brief, io: io)
        score.report(
            "tools.buy_twin", Summary(real).brief, value: Summary(real).median, target: Self.perCall,
            details:
                "\(calls) market buys of 1 KO sent to the twin and filled, dry-run off, in process, \(Self.conditions); "
                + "IBKR pacing waits over the whole run advanced the virtual clock \(waited) s; the journal grows by one "
                + "order per call, first 100 calls: \(Summary(Array(real.prefix(100))).brief)", io: io)

        try realTime(io: io, score: &score, buy: buy)
        try startToFirstResult(io: io, score: &score)
    }

    static let perCall = BenchTarget.below(1, "ms median")
    static let conditions =
        "virtual clock (IBKR pacing waits cost no real time), DUPLICATE_WINDOW_SECONDS=0, no answer reused "
        + "(every call asks the gateway)"

    /// The same calls through a spawned `valet serve` on the twin, on its wall clock: IBKR's pacing, which the
    /// adapter honours, costs real time here, as it does for a person waiting on an agent.
    private func realTime(io: ConsoleIO, score: inout BenchScore, buy: String) throws {
        let count = 20
        let cases: [(label: String, tool: String, arguments: String, dryRun: Bool)] = [
            ("get_quote", "get_quote", #"{"symbol":"AAPL"}"#, false),
            ("portfolio", "portfolio", "{}", false),
            ("buy_dry_run", "buy", buy, true),
            ("buy_twin", "buy", buy, false),
        ]
        for entry in cases {
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in Self.settings { environment[key] = value }
            environment["TRADING_DRY_RUN"] = entry.dryRun ? "true" : "false"
            let child = try ChildServer(
                executable: ChildServer.selfExecutable, arguments: ["serve"], environment: environment)
            defer { child.finish() }
            child.send(MCPBenchmark.initialize)
            guard child.readLine() != nil else { throw BenchmarkFailure("valet serve closed before initialize") }
            child.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            let times = try MCPBenchmark(calls: count, spawns: 0).roundTrips(child, count: count + 1) {
                #"{"jsonrpc":"2.0","id":\#($0),"method":"tools/call","params":{"name":"\#(entry.tool)","arguments":\#(entry.arguments)}}"#
            }
            score.inform(
                "tools.\(entry.label)_real_time", Summary(Array(times.dropFirst())).brief,
                details:
                    "\(count) calls after one warm-up through a spawned valet serve on the twin, wall clock with IBKR "
                    + "pacing honoured, DUPLICATE_WINDOW_SECONDS=0\(entry.dryRun ? ", TRADING_DRY_RUN=true" : "")",
                io: io)
        }
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
    private func startToFirstResult(io: ConsoleIO, score: inout BenchScore) throws {
        let cases: [(label: String, tool: String, arguments: String, target: BenchTarget?)] = [
            ("start_to_first_result", "portfolio", "{}", .below(50, "ms median")),
            ("start_to_first_quote", "get_quote", #"{"symbol":"AAPL"}"#, nil),
            ("start_to_first_market_status", "market_status", "{}", nil),
        ]
        for entry in cases {
            let times = try spawnTimes(tool: entry.tool, arguments: entry.arguments)
            let details =
                "\(spawns) spawns of valet serve on the twin; initialize, then tools/call \(entry.tool) "
                + "\(entry.arguments) over pipes"
            if let target = entry.target {
                score.report(
                    "tools.\(entry.label)", Summary(times).brief, value: Summary(times).median, target: target,
                    details: details, io: io)
            } else {
                score.inform("tools.\(entry.label)", Summary(times).brief, details: details, io: io)
            }
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
