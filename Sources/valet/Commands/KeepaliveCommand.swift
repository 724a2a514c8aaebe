import Dispatch
import FoundationEssentials
import HTTPCore
import IBKRAdapter
import TradingDomain

#if canImport(Glibc)
    import Glibc
#endif

/// `valet keepalive [--url URL] [--account ID] [--interval SECONDS] [--webhook URL] [--webhook-format F]`:
/// tickles the gateway every interval until interrupted, prints each state change, and raises a
/// reauthentication alert (stderr, optional webhook) when the session needs a login.
struct KeepaliveCommand: Command {
    /// The environment read for defaults (injected by tests).
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// `.env` in the working directory, read as `valet serve` reads it (injected by tests).
    var dotEnv: String? = GatewayOptions.workingDirectoryDotEnv()
    /// The clock the keeper waits on (the system clock; tests inject a virtual one).
    var clock: AdapterClock = .system
    /// Whether SIGTERM ends the process with status 143 (off in tests, which share one process).
    var installsTerminationHandler = true

    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "keepalive",
            summary: "Keep the IBKR gateway session alive and alert when it needs a login.",
            usage:
                "valet keepalive [--url URL] [--account ID] [--interval SECONDS] [--webhook URL] "
                + "[--webhook-format FORMAT] [--cycles N]",
            options: [
                .init(
                    name: "--url", valueName: "URL",
                    help:
                        "Gateway API root (default: IBKR_API_BASE_URL from the environment or .env, else \(GatewayOptions.defaultURL))."
                ),
                .init(name: "--account", valueName: "ID", help: "Account (default: $IBKR_ACCOUNT_ID)."),
                .init(
                    name: "--interval", valueName: "SECONDS",
                    help: "Seconds between tickles (default: $TICKLE_INTERVAL_SECONDS or 60)."),
                .init(
                    name: "--webhook", valueName: "URL",
                    help: "POST reauthentication alerts here (default: $REAUTH_WEBHOOK_URL)."),
                .init(
                    name: "--webhook-format", valueName: "FORMAT",
                    help: "slack, discord, ntfy or json:KEY (default: $REAUTH_WEBHOOK_FORMAT or slack)."),
                .init(name: "--cycles", valueName: "N", help: "Stop after N tickles (default: run until interrupted)."),
            ]
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        let options = try GatewayOptions(arguments, environment: environment, dotEnv: dotEnv, command: "keepalive")
        for note in options.notes { io.err(note) }
        let interval = try seconds(
            arguments.values["--interval"] ?? GatewayOptions.nonBlank(environment["TICKLE_INTERVAL_SECONDS"]) ?? "60")
        var cycles: Int?
        if let raw = arguments.values["--cycles"] {
            guard let count = Int(raw), count > 0 else {
                throw CommandLineError("--cycles needs a positive whole number (got '\(raw)')", command: "keepalive")
            }
            cycles = count
        }
        let formatName =
            arguments.values["--webhook-format"] ?? GatewayOptions.nonBlank(environment["REAUTH_WEBHOOK_FORMAT"])
            ?? "slack"
        guard let format = WebhookFormat(formatName) else {
            throw CommandLineError(
                "unknown webhook format '\(formatName)'; use slack, discord, ntfy or json:KEY", command: "keepalive")
        }
        var webhook: (any HTTPTransport)?
        if let raw = arguments.values["--webhook"] ?? GatewayOptions.nonBlank(environment["REAUTH_WEBHOOK_URL"]) {
            guard let url = URL(string: raw), url.scheme?.hasPrefix("http") == true, url.host != nil else {
                throw CommandLineError("'\(raw)' is not an http(s) webhook URL", command: "keepalive")
            }
            webhook = URLSessionTransport(configuration: .init(baseURL: url, timeoutSeconds: 5))
        }
        // Tickles and status checks never put the account in a path, so a placeholder is safe without one.
        let account = try options.account ?? AccountID("UNSET")
        let broker = IBKRBroker(transport: options.transport(), accountID: account, clock: clock)
        let alerter = ReauthAlerter(writeLine: io.err, webhook: webhook, format: format)
        let url = options.baseURL.absoluteString
        let keeper = IBKRSessionKeeper(
            session: broker, clock: clock, interval: interval, alerter: alerter,
            onStateChange: { state in io.out(Self.describe(state, url: url)) })
        if installsTerminationHandler { TerminationSignal.install(command: "keepalive", io: io) }
        io.out(
            "Keep-alive started: tickling \(options.baseURL.absoluteString) every \(interval). Ctrl+C to stop.")
        let running = Task { await keeper.run(maxCycles: cycles) }
        // Ctrl+C cancels the loop (the keeper's sleep ends at once) so the command can say it stopped.
        let previousHandler = signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { running.cancel() }
        interrupt.resume()
        await running.value
        interrupt.cancel()
        signal(SIGINT, previousHandler)
        // Ctrl+C is how a person ends it: not a failure. After its cycles ran out, the last state is the verdict,
        // so a script (or `--cycles 1` as a probe) learns that the session is not usable.
        guard !running.isCancelled, let last = await keeper.lastState, !last.isUp else {
            io.out("Keep-alive stopped.")
            return 0
        }
        io.err("valet keepalive: stopped with the session not usable: \(Self.describe(last, url: url))")
        return 1
    }

    private func seconds(_ raw: String) throws -> Duration {
        guard let value = Double(raw), value.isFinite, value >= 1, value <= 3600 else {
            throw CommandLineError("--interval needs seconds between 1 and 3600 (got '\(raw)')", command: "keepalive")
        }
        return .milliseconds(Int64(value * 1000))
    }

    static func describe(_ state: IBKRSessionKeeper.State, url: String) -> String {
        switch state {
        case .up(let status):
            return "Session up (authenticated, connected\(status.serverVersion.map { ", \($0)" } ?? ""))."
        case .down(let reason):
            return "Not authenticated: \(reason)."
        case .unreachable(let reason):
            return "Gateway unreachable (is it running at \(url)?): \(reason)."
        }
    }
}
