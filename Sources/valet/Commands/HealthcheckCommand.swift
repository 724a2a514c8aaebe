import FoundationEssentials
import HTTPCore
import IBKRAdapter
import TradingDomain
import TradingSafety

/// `valet healthcheck [--url URL] [--account ID] [--symbol SYM]`: checks the Client Portal Gateway end to end
/// (version, auth state, paper/live, cash-quantity and fraction support, balance, one quote). Exit 0 when
/// healthy, 1 otherwise — a gateway that is down gives a clear message, never a stack trace.
struct HealthcheckCommand: Command {
    /// The environment read for defaults (injected by tests).
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// `.env` in the working directory, read as `valet serve` reads it (injected by tests).
    var dotEnv: String? = GatewayOptions.workingDirectoryDotEnv()

    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "healthcheck",
            summary: "Check the IBKR gateway: version, login, account, balance and one quote.",
            usage: "valet healthcheck [--url URL] [--account ID] [--symbol SYMBOL]",
            options: [
                .init(
                    name: "--url", valueName: "URL",
                    help:
                        "Gateway API root (default: IBKR_API_BASE_URL from the environment or .env, else \(GatewayOptions.defaultURL))."
                ),
                .init(
                    name: "--account", valueName: "ID",
                    help: "Account to check (default: $IBKR_ACCOUNT_ID, else the gateway's selected account)."),
                .init(name: "--symbol", valueName: "SYMBOL", help: "Instrument to quote (default: AAPL)."),
            ]
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        let options = try GatewayOptions(arguments, environment: environment, dotEnv: dotEnv, command: "healthcheck")
        for note in options.notes { io.err(note) }
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
    /// The gateway's address when nothing sets one: the same default as `valet serve --gateway live`.
    static let defaultURL = ValetSettings.defaultAPIBaseURL

    var baseURL: URL
    var account: AccountID?
    var timeoutSeconds = 15
    /// Lines for standard error (a setting that is not read).
    var notes: [String] = []

    /// - Parameter dotEnv: the text of `.env` in the working directory, read as `valet serve` reads it.
    init(_ arguments: ArgumentSpec.Parsed, environment: [String: String], dotEnv: String?, command: String) throws {
        // One configuration for every command: a setting comes from the environment, then `.env`, as for
        // `valet serve` (the environment wins there too), so healthcheck checks the gateway serve will use.
        var fileValues: [String: String] = [:]
        if let dotEnv {
            do {
                for entry in try DotEnvParser.parse(dotEnv) { fileValues[entry.key.uppercased()] = entry.value }
            } catch {
                throw CommandLineError(".env cannot be read: \(error)", command: command)
            }
        }
        func setting(_ key: SettingKey) -> String? {
            Self.nonBlank(environment[key.name]) ?? Self.nonBlank(fileValues[key.name])
        }
        let raw = arguments.values["--url"] ?? setting(.apiBaseURL) ?? Self.defaultURL
        if Self.nonBlank(environment["IBKR_BASE_URL"]) != nil {
            notes.append(
                "Note: IBKR_BASE_URL is not read; every valet command reads IBKR_API_BASE_URL (rename the variable).")
        }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw CommandLineError(
                "'\(raw)' is not an http(s) URL; use e.g. http://127.0.0.1:5000/v1/api", command: command)
        }
        baseURL = url
        if let id = arguments.values["--account"] ?? setting(.accountID) {
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

    /// The text of `.env` in the working directory, if there is one.
    static func workingDirectoryDotEnv() -> String? {
        FileManager.default.contents(atPath: ".env").map { String(decoding: $0, as: UTF8.self) }
    }

    static func nonBlank(_ value: String?) -> String? {
        guard let value, !value.trimmed().isEmpty else { return nil }
        return value.trimmed()
    }
}
