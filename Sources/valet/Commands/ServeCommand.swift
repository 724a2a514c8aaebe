import FoundationEssentials
import HTTPCore
import IBKRAdapter
import MCPKit
import Rehearsal
import TradingDomain
import TradingSafety

/// `valet serve`: the MCP server on standard input and output, on the twin (default), a live gateway or a replay.
struct ServeCommand: Command {
    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "serve",
            summary: "Run the MCP server over stdio (protocol on stdout, logs on stderr).",
            usage:
                "valet serve [--gateway twin|live|replay:FILE] [--record FILE] [--seed N] [--speed X] [--page-size N]",
            options: [
                .init(
                    name: "--gateway",
                    valueName: "G",
                    help: "twin (default: the built-in twin), live (IBKR_API_BASE_URL), or replay:FILE."
                ),
                .init(name: "--record", valueName: "FILE", help: "Record every gateway exchange to a cassette."),
                .init(name: "--seed", valueName: "N", help: "Seed of the twin (default 1)."),
                .init(name: "--speed", valueName: "X", help: "Twin virtual seconds per real second (default 1)."),
                .init(
                    name: "--scenario", valueName: "FILE",
                    help: "Rehearse from a scenario's opening state and price path (twin only)."),
                .init(name: "--page-size", valueName: "N", help: "Tools per tools/list page (default 50)."),
            ]
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        let pageSize = try OptionValue.integer(arguments, "--page-size", default: 50, range: 1...1000, command: "serve")
        var setup = ServeSetup(gateway: try GatewayChoice.parse(arguments.values["--gateway"] ?? "twin"))
        setup.seed = UInt64(
            try OptionValue.integer(arguments, "--seed", default: 1, range: 0...Int.max, command: "serve"))
        setup.speed = try OptionValue.decimal(arguments, "--speed", default: 1, command: "serve")
        setup.recordURL = arguments.values["--record"].map { URL(fileURLWithPath: $0) }
        if let path = arguments.values["--scenario"] {
            guard setup.gateway == .twin else {
                throw CommandLineError(
                    "--scenario rehearses on the twin; drop --gateway or use --gateway twin", command: "serve")
            }
            do {
                setup.scenario = try ScenarioDecoder.load(path: path)
            } catch {
                io.err("valet serve: \(error.description)")
                return 2
            }
        }
        let loaded: LoadedConfiguration
        do {
            loaded = try Self.configuration(scenarioSettings: setup.scenario?.settings ?? [:])
        } catch {
            io.err("valet serve: the configuration is invalid; nothing was started.")
            for problem in error.problems { io.err("  - \(problem.message)") }
            return 2
        }
        // On the twin or a replay the account is the simulated one, so an unset account id is not a risk there.
        let relevant = loaded.warnings.filter { setup.gateway == .live || $0.key != "IBKR_ACCOUNT_ID" }
        for warning in relevant { io.err("valet serve: warning: \(warning.message)") }
        let assembled: ServeSetup.Assembled
        do {
            assembled = try await setup.assemble(loaded, log: io.err)
        } catch let error as TradingError {
            io.err("valet serve: \(error.message)\(error.hint.map { " (\($0))" } ?? "")")
            return 2
        } catch {
            io.err("valet serve: could not start: \(TradingError.describe(error))")
            return 1
        }
        let server = ServerComposition.makeServer(assembled, pageSize: pageSize)
        let keeper = Self.startKeeper(assembled, io: io)
        // A supervisor (an MCP client, systemd, `timeout`) stops the server with SIGTERM: say so, and leave no
        // scratch folder behind, as the end of input does.
        TerminationSignal.install(command: "serve", io: io, cleanup: assembled.removeScratch)
        await server.serveStandardIO()
        keeper?.cancel()
        // A scratch journal is the run's own: nothing should pile up in the temporary directory.
        assembled.removeScratch()
        return 0
    }

    /// The process environment and `.env`, over a scenario's settings (the person's own settings win).
    static func configuration(scenarioSettings: [String: String]) throws(ConfigurationError) -> LoadedConfiguration {
        guard !scenarioSettings.isEmpty else { return try ValetConfiguration.loadFromProcess() }
        let environment = scenarioSettings.merging(ProcessInfo.processInfo.environment) { _, own in own }
        let dotEnv = FileManager.default.contents(atPath: ".env").map { String(decoding: $0, as: UTF8.self) }
        return try ValetConfiguration.load(
            environment: environment,
            dotEnv: dotEnv,
            workingDirectory: FileManager.default.currentDirectoryPath
        )
    }

    /// Tickles the gateway every TICKLE_INTERVAL_SECONDS (on the stack's clock, so the twin's virtual time too) and
    /// raises a reauthentication alert on stderr and the optional webhook when the session is down.
    static func startKeeper(_ assembled: ServeSetup.Assembled, io: ConsoleIO) -> Task<Void, Never>? {
        guard let interval = assembled.keepAliveInterval else { return nil }
        let webhook = assembled.webhookURL.map { URLSessionTransport(configuration: .init(baseURL: $0)) }
        let keeper = IBKRSessionKeeper(
            session: assembled.stack.adapter,
            clock: assembled.adapterClock,
            interval: interval,
            alerter: ReauthAlerter(writeLine: io.err, webhook: webhook),
            onStateChange: { state in
                switch state {
                case .up: io.err("valet serve: gateway session is up")
                case .down(let reason): io.err("valet serve: gateway session is down: \(reason)")
                case .unreachable(let reason): io.err("valet serve: gateway unreachable: \(reason)")
                }
            }
        )
        return Task { await keeper.run() }
    }
}
