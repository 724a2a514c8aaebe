import FoundationEssentials

/// `valet bench`: measured figures for the issues' speed targets. Run it from a release build.
struct BenchCommand: Command {
    /// Every suite, in the order `valet bench` runs them.
    static let suites = ["mcp", "twin", "tools", "scenario", "replay", "session"]

    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "bench",
            summary: "Measure Valet's speed (use a release build: swift build -c release).",
            usage:
                "valet bench [mcp|twin|tools|scenario|replay|session] [--calls N] [--spawns N] [--tool NAME] [--scenarios DIR] [--server PATH]",
            options: [
                .init(name: "--calls", valueName: "N", help: "tools/call round trips to time (default 10000)."),
                .init(name: "--spawns", valueName: "N", help: "Server start-ups to time (default 30)."),
                .init(name: "--tool", valueName: "NAME", help: "The tool to call (default market_status)."),
                .init(
                    name: "--server", valueName: "PATH",
                    help: "The valet binary the session suite spawns as its server (default: this one)."),
                .init(
                    name: "--scenarios", valueName: "DIR",
                    help: "The scenario catalogue to time (default scenarios)."),
            ],
            positionalHelp: [
                ("SUITE", "Which figures: mcp, twin, tools, scenario, replay or session (default: all).")
            ],
            maximumPositionals: 1
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        let calls = try count(arguments, "--calls", default: 10_000)
        let spawns = try count(arguments, "--spawns", default: 30)
        let suite = arguments.positionals.first ?? "all"
        guard suite == "all" || Self.suites.contains(suite) else {
            throw CommandLineError(
                "unknown bench suite '\(suite)'; choose \(Self.suites.joined(separator: ", "))", command: "bench")
        }
        let runs = { (name: String) in suite == "all" || suite == name }
        var score = BenchScore()
        if runs("mcp") {
            var benchmark = MCPBenchmark(calls: calls, spawns: spawns)
            if let tool = arguments.values["--tool"] { benchmark.tool = tool }
            try benchmark.run(io: io, score: &score)
        }
        if runs("twin") {
            try TwinServerBenchmark(requests: calls * 5).run(io: io, score: &score)
            try EngineBenchmark().run(io: io, score: &score)
        }
        if runs("tools") {
            try await ToolsBenchmark(calls: max(1, calls / 5), spawns: max(1, spawns / 3)).run(io: io, score: &score)
        }
        if runs("scenario") {
            try await ScenarioBenchmark(folder: arguments.values["--scenarios"] ?? "scenarios").run(
                io: io, score: &score)
        }
        if runs("replay") {
            try await ReplayBenchmark().run(io: io, score: &score)
        }
        if runs("session") {
            var benchmark = SessionBenchmark()
            if let path = arguments.values["--server"] { benchmark.serverBinary = URL(fileURLWithPath: path) }
            try benchmark.run(io: io, score: &score)
        }
        io.out(score.summary)
        return 0
    }

    private func count(_ arguments: ArgumentSpec.Parsed, _ name: String, default value: Int) throws -> Int {
        guard let raw = arguments.values[name] else { return value }
        guard let number = Int(raw), number > 0, number <= 10_000_000 else {
            throw CommandLineError("\(name) must be a whole number from 1 to 10000000, got '\(raw)'", command: "bench")
        }
        return number
    }
}
