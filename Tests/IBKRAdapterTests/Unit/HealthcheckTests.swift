import Foundation
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain
import ValetTesting

@Suite("Healthcheck")
struct HealthcheckTests {
    @Test("a healthy paper gateway: version, auth, paper, capabilities, balance and a quote")
    func healthy() async throws {
        let scenario = try AdapterBackend.replay.make("healthcheck")
        let clock = TestClock()
        let report = await IBKRHealthcheck.run(
            transport: scenario, account: try AccountID("DU9085813"), symbol: try Symbol("AAPL"),
            clock: clock.adapterClock)
        #expect(report.healthy)
        let text = report.lines.joined(separator: "\n")
        #expect(text.contains("Server: Build 10.25.0m"))
        #expect(text.contains("Account: DU9085813  (paper)"))
        #expect(text.contains("supportsCashQty=true supportsFractions=true"))
        #expect(text.contains("AAPL quote: last=173.96 (trade) bid=173.95 ask=173.96"))
        #expect(text.contains("[OK] Connection healthy."))
        #expect(scenario.unplayed().isEmpty)
    }

    @Test("a gateway that is down gives one clear line, not a crash")
    func gatewayDown() async throws {
        let refused = TransportError(
            code: .connectionRefused, message: "nothing listens at 127.0.0.1:5000.", hint: "start the gateway")
        let transport = LoggingTransport(
            base: LoggingTransport(base: FailingTransport()),
            faults: [
                "POST /iserver/auth/status": refused
            ])
        let report = await IBKRHealthcheck.run(
            transport: transport, account: nil, symbol: try Symbol("AAPL"), clock: TestClock().adapterClock)
        #expect(!report.healthy)
        #expect(report.lines.count == 1)
        #expect(report.lines.first?.hasPrefix("[FAIL] Gateway unreachable") == true)
        #expect(report.lines.first?.contains("start the gateway") == true)
    }

    @Test("not logged in: a warning with the login hint")
    func notLoggedIn() async throws {
        let scenario = try AdapterBackend.replay.make("session-not-logged-in-401")
        let report = await IBKRHealthcheck.run(
            transport: scenario, account: nil, symbol: try Symbol("AAPL"), clock: TestClock().adapterClock)
        #expect(!report.healthy)
        #expect(report.lines.contains("[WARN] Session not authenticated."))
    }
}
