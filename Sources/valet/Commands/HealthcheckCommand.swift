import FoundationEssentials
import HTTPCore
import IBKRAdapter
import TradingDomain

/// `valet healthcheck [--url URL] [--account ID] [--symbol SYM]`: checks the Client Portal Gateway end to end
/// (version, auth state, paper/live, cash-quantity and fraction support, balance, one quote). Exit 0 when
/// healthy, 1 otherwise — a gateway that is down gives a clear message, never a stack trace.
struct HealthcheckCommand: Command {
    /// The environment read for defaults (injected by tests).
    var environment: [String: String] = ProcessInfo.processInfo.environment

    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "healthcheck",
            summary: "Check the IBKR gateway: version, login, account, balance and one quote.",
            usage: "valet healthcheck [--url URL] [--account ID] [--symbol SYMBOL]",
            options: [
                .init(
                    name: "--url", valueName: "URL",
                    help: "Gateway API root (default: $IBKR_BASE_URL or \(GatewayOptions.defaultURL))."),
                .init(
                    name: "--account", valueName: "ID",
                    help: "Account to check (default: $IBKR_ACCOUNT_ID, else the gateway's selected account)."),
                .init(name: "--symbol", valueName: "SYMBOL", help: "Instrument to quote (default: AAPL)."),
            ]
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        let options = try GatewayOptions(arguments, environment: environment, command: "healthcheck")
        let symbol: Symbol
        do {
            symbol = try Symbol(arguments.values["--symbol"] ?? "AAPL")
        } catch {
            throw CommandLineError(error.message, command: "healthcheck")
        }
        io.out("valet \(ValetCLI.version) healthcheck of \(options.baseURL.absoluteString)")
        let report = await IBKRHealthcheck.run(
            transport: options.transport(), account: options.account, symbol: symbol)
        for line in report.lines { io.out(line) }
        if !report.healthy && options.baseURL.scheme == "http"
            && report.lines.contains(where: {
                $0.contains("Gateway unreachable")
            })
        {
            io.err(
                "Note: the gateway listens on https://localhost:5000 by default; use --url https://… unless its "
                    + "conf.yaml sets listenSsl: false.")
        }
        return report.healthy ? 0 : 1
    }
}

/// The `--url` and `--account` options shared by `healthcheck` and `keepalive`.
struct GatewayOptions {
    static let defaultURL = "http://127.0.0.1:5000/v1/api"

    var baseURL: URL
    var account: AccountID?
    var timeoutSeconds = 15

    init(_ arguments: ArgumentSpec.Parsed, environment: [String: String], command: String) throws {
        let raw =
            arguments.values["--url"] ?? Self.nonBlank(environment["IBKR_BASE_URL"])
            ?? Self.nonBlank(environment["IBKR_API_BASE_URL"]) ?? Self.defaultURL
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw CommandLineError(
                "'\(raw)' is not an http(s) URL; use e.g. \(Self.defaultURL)", command: command)
        }
        baseURL = url
        if let id = arguments.values["--account"] ?? Self.nonBlank(environment["IBKR_ACCOUNT_ID"]) {
            do {
                account = try AccountID(id)
            } catch {
                throw CommandLineError(error.message, command: command)
            }
        }
    }

    func transport() -> any HTTPTransport {
        URLSessionTransport(configuration: .init(baseURL: baseURL, timeoutSeconds: timeoutSeconds))
    }

    static func nonBlank(_ value: String?) -> String? {
        guard let value, !value.trimmed().isEmpty else { return nil }
        return value.trimmed()
    }
}
