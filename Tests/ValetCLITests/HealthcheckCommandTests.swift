import Foundation
import Testing
import TradingSafety

@testable import valet

/// Runs a command directly (the lead registers it in `ValetCLI`).
func runCommand(_ command: any Command, _ arguments: [String]) async -> (status: Int32, out: String, err: String) {
    let console = CapturedConsole()
    do {
        let parsed = try command.spec.parse(arguments)
        let status = try await command.run(parsed, io: console.io)
        return (status, console.out, console.err)
    } catch let error as CommandLineError {
        console.io.err(error.text)
        return (2, console.out, console.err)
    } catch {
        return (1, console.out, "unexpected error: \(error)")
    }
}

@Suite("valet healthcheck and keepalive")
struct HealthcheckCommandTests {
    /// Port 1 on loopback: nothing listens there, so the connection is refused at once.
    static let downURL = "http://127.0.0.1:1/v1/api"

    @Test("gateway down: a clear message and exit 1, never a stack trace")
    func gatewayDown() async {
        let result = await runCommand(HealthcheckCommand(environment: [:], dotEnv: nil), ["--url", Self.downURL])
        #expect(result.status == 1)
        #expect(result.out.contains("[FAIL] Gateway unreachable"))
        #expect(result.err.contains("https://localhost:5000"))
    }

    @Test("one setting for every command: --url, then IBKR_API_BASE_URL (environment, then .env), then serve's default")
    func urlDefaults() async {
        let fromEnvironment = await runCommand(
            HealthcheckCommand(environment: ["IBKR_API_BASE_URL": Self.downURL], dotEnv: nil), [])
        #expect(fromEnvironment.out.contains("healthcheck of \(Self.downURL)"))
        let fromDotEnv = await runCommand(
            HealthcheckCommand(environment: [:], dotEnv: "IBKR_API_BASE_URL=\(Self.downURL)\n"), [])
        #expect(fromDotEnv.out.contains("healthcheck of \(Self.downURL)"))
        #expect(GatewayOptions.defaultURL == ValetSettings(tradeJournalPath: "x").apiBaseURL.absoluteString)
        // The old name is not read, and the command says so instead of silently using another address.
        let oldName = await runCommand(
            KeepaliveCommand(
                environment: ["IBKR_BASE_URL": Self.downURL], dotEnv: nil, installsTerminationHandler: false),
            ["--url", Self.downURL, "--cycles", "1", "--interval", "5"])
        #expect(oldName.err.contains("IBKR_BASE_URL is not read"))
    }

    @Test(
        "bad options are usage errors (exit 2)",
        arguments: [["--url", "ftp://x"], ["--account", " "], ["--symbol", "!!"]])
    func badOptions(arguments: [String]) async {
        let result = await runCommand(HealthcheckCommand(environment: [:], dotEnv: nil), arguments)
        #expect(result.status == 2)
        #expect(result.err.contains("valet healthcheck --help"))
    }

    @Test("keepalive with no gateway running says unreachable (not 'log in'), alerts so, and exits 1")
    func keepaliveDown() async {
        let result = await runCommand(
            KeepaliveCommand(environment: [:], dotEnv: nil, installsTerminationHandler: false),
            ["--url", Self.downURL, "--cycles", "2", "--interval", "1"])
        #expect(result.status == 1)
        #expect(result.out.contains("Keep-alive started"))
        #expect(result.out.contains("Gateway unreachable (is it running at \(Self.downURL)?)"))
        #expect(result.err.contains("[ALERT] Valet: gateway unreachable"))
        #expect(!result.err.contains("reauthentication required"))
        #expect(result.err.contains("valet keepalive: stopped with the session not usable: Gateway unreachable"))
        #expect(!result.out.contains("Keep-alive stopped."))
    }

    @Test(
        "keepalive option errors",
        arguments: [["--interval", "0"], ["--cycles", "x"], ["--webhook-format", "xml"], ["--webhook", "nope"]])
    func keepaliveBadOptions(arguments: [String]) async {
        let result = await runCommand(
            KeepaliveCommand(environment: [:], dotEnv: nil, installsTerminationHandler: false), arguments)
        #expect(result.status == 2)
    }
}
