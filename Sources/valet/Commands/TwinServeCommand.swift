import Dispatch
import FoundationEssentials
import GatewayTwin
import HTTPCore
import Rehearsal

/// `valet twin serve`: the gateway twin over plain HTTP/1.1 on 127.0.0.1, for curl, ibind or any CPAPI client,
/// with an admin API under `/twin/...` (ground truth, prices, virtual time, faults).
struct TwinServeCommand: Command {
    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "twin",
            summary: "Serve the IBKR gateway twin over HTTP on 127.0.0.1 (valet twin serve).",
            usage:
                "valet twin serve [--port N] [--seed N] [--speed X] [--walk SECONDS] [--pacing on|off] "
                + "[--fixture FILE] [--faults PROFILE] [--logged-out]",
            options: [
                .init(name: "--port", valueName: "N", help: "Port on 127.0.0.1 (default 5000; 0 picks a free one)."),
                .init(name: "--seed", valueName: "N", help: "Seed of the twin's random walk and faults (default 1)."),
                .init(name: "--speed", valueName: "X", help: "Virtual seconds per real second (default 1)."),
                .init(
                    name: "--walk", valueName: "SECONDS",
                    help: "Seconds between seeded random-walk steps (default 5; 0 freezes prices)."),
                .init(
                    name: "--fixture", valueName: "FILE",
                    help: "JSON fixture: account, cash, instruments, positions, questions, liquidity (README)."),
                .init(
                    name: "--faults", valueName: "PROFILE",
                    help: "Arm a swarm fault profile: "
                        + FaultProfile.standard.map(\.name).joined(separator: ", ") + "."),
                .init(
                    name: "--pacing", valueName: "on|off",
                    help: "Enforce IBKR's pacing limits with 429 and a penalty box (default on)."),
                .init(name: "--logged-out", valueName: nil, help: "Start with no brokerage session (log in later)."),
            ],
            positionalHelp: [("serve", "The action (the only one so far).")],
            minimumPositionals: 1,
            maximumPositionals: 1
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        guard arguments.positionals == ["serve"] else {
            throw CommandLineError(
                "unknown twin action '\(arguments.positionals[0])'; use 'valet twin serve'", command: "twin")
        }
        let port = try OptionValue.integer(arguments, "--port", default: 5000, range: 0...65535, command: "twin")
        let seed = try OptionValue.integer(arguments, "--seed", default: 1, range: 0...Int.max, command: "twin")
        let speed = try OptionValue.decimal(arguments, "--speed", default: 1, command: "twin")
        let walk = try OptionValue.integer(arguments, "--walk", default: 5, range: 0...86_400, command: "twin")
        var configuration = TwinConfiguration(seed: UInt64(seed))
        // A realistic seeded random walk by default: frozen prices teach an agent nothing about fills.
        configuration.randomWalkInterval = walk > 0 ? TimeInterval(walk) : nil
        let fixture = try Self.fixture(arguments)
        if let fixture { configuration = fixture.applied(to: configuration) }
        if arguments.flag("--logged-out") { configuration.startsLoggedIn = false }
        // IBKR's gateway paces every client (cpapi.md §8.1): a client rehearsing here meets the same limits
        // unless it asks not to.
        configuration.pacing = try Self.pacing(arguments) ? TwinPacing() : nil
        if let name = arguments.values["--faults"] {
            guard let profile = FaultProfile.standard.first(where: { $0.name == name }) else {
                throw CommandLineError(
                    "--faults must name a profile (" + FaultProfile.standard.map(\.name).joined(separator: ", ")
                        + "), got '\(name)'", command: "twin")
            }
            // A dropped connection is the transport's doing; served over HTTP it becomes a timeout (504).
            configuration.faults.rules += profile.faults.compactMap { spec in
                spec.twinRule
                    ?? FaultSpec(
                        method: spec.method, pathPrefix: spec.pathPrefix, kind: .timeout, count: spec.count,
                        skip: spec.skip, probability: spec.probability
                    ).twinRule
            }
        }
        let server: LoopbackHTTPServer
        do {
            server = try Self.serve(configuration, speed: speed, port: UInt16(port), fixture: fixture).server
        } catch let error as LoopbackHTTPServerError {
            io.err("valet twin serve: \(error.message)\n\(error.hint)")
            return 1
        }
        io.err(
            "valet twin serve: IBKR gateway twin on http://127.0.0.1:\(server.port)/v1/api "
                + "(WebSocket ws://127.0.0.1:\(server.port)/v1/api/ws) "
                + "(paper account \(configuration.accountID), seed \(seed), speed \(speed)x, walk "
                + (walk > 0 ? "every \(walk)s" : "off")
                + ", IBKR pacing \(configuration.pacing == nil ? "off" : "on")); "
                + "admin API at http://127.0.0.1:\(server.port)/twin/state; Ctrl-C stops it"
        )
        await SignalWaiter.waitForTermination()
        server.stop()
        io.err("valet twin serve: stopped")
        return 0
    }

    /// The `--fixture` file, read and decoded; the error names the file and what is wrong.
    static func fixture(_ arguments: ArgumentSpec.Parsed) throws(CommandLineError) -> TwinFixture? {
        guard let path = arguments.values["--fixture"] else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandLineError("--fixture: cannot read '\(path)'; check the path", command: "twin")
        }
        do {
            return try TwinFixture.load(data)
        } catch {
            throw CommandLineError(
                "--fixture: '\(path)' is not a twin fixture (\(error)); see the README's twin section",
                command: "twin")
        }
    }

    /// `--pacing on|off`, on by default.
    static func pacing(_ arguments: ArgumentSpec.Parsed) throws(CommandLineError) -> Bool {
        switch arguments.values["--pacing"]?.lowercased() {
        case nil, "on": return true
        case "off": return false
        case let other?:
            throw CommandLineError("--pacing must be on or off, got '\(other)'", command: "twin")
        }
    }

    /// The twin behind the loopback server, its clock following the wall clock at `speed`, with the admin API:
    /// what `valet twin serve` runs, shared with `valet bench session`, which passes `observe` to count the
    /// requests and their answers.
    static func serve(
        _ configuration: TwinConfiguration, speed: Double, port: UInt16, fixture: TwinFixture? = nil,
        observe: (@Sendable (HTTPRequest, HTTPResponse) -> Void)? = nil
    ) throws -> (server: LoopbackHTTPServer, twin: GatewayTwin) {
        let twin = GatewayTwin(configuration: configuration)
        if let fixture {
            do {
                try fixture.seedPositions(into: twin)
            } catch {
                throw CommandLineError("--fixture: \(error.description)", command: "twin")
            }
        }
        let pacer = TwinPacer(twin: twin, speed: speed, wallNow: { Date() })
        let admin = TwinAdmin(twin: twin, advance: { pacer.skip(seconds: $0) })
        let server = try LoopbackHTTPServer(
            configuration: .init(port: port),
            handler: { request in
                pacer.catchUp()
                let response = admin.handle(request) ?? twin.handle(request)
                observe?(request, response)
                return response
            },
            // `/v1/api/ws` (cpapi.md §11). Its `hb` and `tic` stamps are wall-clock epoch ms because ibind compares
            // them with its own clock; the pacer keeps the twin's virtual time moving between client messages.
            webSocket: { request in
                pacer.catchUp()
                return twin.webSocket(request, gatewayClock: { Date() }, beforeTurn: { pacer.catchUp() })
            })
        return (server, twin)
    }
}
