import Foundation
import HTTPCore
import IBKRAdapter
import Synchronization
import Testing
import TradingDomain
import ValetTesting

/// A session that answers a scripted sequence of states.
final class ScriptedSession: BrokerSession {
    private let script: Mutex<[Result<SessionStatus, TradingError>]>

    init(_ script: [Result<SessionStatus, TradingError>]) {
        self.script = Mutex(script)
    }

    func status() async throws -> SessionStatus { try next() }
    func keepAlive() async throws -> SessionStatus { try next() }

    private func next() throws -> SessionStatus {
        let step = script.withLock { $0.isEmpty ? Result.success(Self.up) : $0.removeFirst() }
        return try step.get()
    }

    static let up = SessionStatus(authenticated: true, connected: true)
    static let down = SessionStatus(authenticated: false, connected: false)
    static let competing = SessionStatus(authenticated: true, connected: true, competing: true)
}

/// Captures the keeper's lines, state changes and webhook posts.
final class KeeperSpy: Sendable {
    let lines = Mutex<[String]>([])
    let states = Mutex<[IBKRSessionKeeper.State]>([])
    let posts = Mutex<[HTTPRequest]>([])

    var webhook: LoggingWebhook { LoggingWebhook(spy: self) }

    struct LoggingWebhook: HTTPTransport {
        let spy: KeeperSpy
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            spy.posts.withLock { $0.append(request) }
            return HTTPResponse(status: 200)
        }
    }
}

@Suite("Session keeper")
struct SessionKeeperTests {
    func keeper(
        _ script: [Result<SessionStatus, TradingError>], spy: KeeperSpy, clock: TestClock,
        format: WebhookFormat = .json(key: "text")
    ) -> IBKRSessionKeeper {
        IBKRSessionKeeper(
            session: ScriptedSession(script), clock: clock.adapterClock, interval: .seconds(60),
            realertInterval: .seconds(300),
            alerter: ReauthAlerter(
                writeLine: { line in spy.lines.withLock { $0.append(line) } }, webhook: spy.webhook, format: format),
            onStateChange: { state in spy.states.withLock { $0.append(state) } })
    }

    @Test("tickles every interval on the injected clock, without sleeping for real")
    func cadence() async {
        let spy = KeeperSpy()
        let clock = TestClock()
        let keeper = keeper([], spy: spy, clock: clock)
        await keeper.run(maxCycles: 4)
        #expect(await keeper.cycles == 4)
        #expect(clock.sleeps == [.seconds(60), .seconds(60), .seconds(60)])
        #expect(spy.states.withLock { $0.count } == 1)
        #expect(await keeper.alertsSent == 0)
    }

    @Test("alerts at once on a drop, re-alerts only after the throttle interval, reports recovery")
    func throttledAlerts() async {
        let spy = KeeperSpy()
        let clock = TestClock()
        // Up, then down for 7 cycles (one a minute), then up again.
        let script: [Result<SessionStatus, TradingError>] =
            [.success(ScriptedSession.up)] + Array(repeating: .success(ScriptedSession.down), count: 7)
            + [.success(ScriptedSession.up)]
        let keeper = keeper(script, spy: spy, clock: clock)
        await keeper.run(maxCycles: 9)
        // Down at minutes 1..7: alerts at minute 1 and minute 6 (5 minutes later), not at every cycle.
        #expect(await keeper.alertsSent == 2)
        let states = spy.states.withLock { $0 }
        #expect(states.map(\.isUp) == [true, false, true])
        #expect(spy.lines.withLock { $0 }.filter { $0.hasPrefix("[ALERT]") }.count == 2)
    }

    @Test("a competing session and an unreachable gateway give distinct, actionable reasons")
    func reasons() async {
        let spy = KeeperSpy()
        let clock = TestClock()
        let unreachable = TradingError(.brokerUnavailable, "POST /tickle could not reach the gateway")
        let keeper = keeper([.success(ScriptedSession.competing), .failure(unreachable)], spy: spy, clock: clock)
        let first = await keeper.runCycle()
        let second = await keeper.runCycle()
        guard case .down(let competing) = first, case .unreachable(let refused) = second else {
            Issue.record("expected a down state, then an unreachable one; got \(first), \(second)")
            return
        }
        #expect(competing.contains("another session"))
        #expect(refused.contains("could not reach the gateway"))
        // A login would not help an unreachable gateway, so its alert does not ask for one.
        let alerts = spy.lines.withLock { $0 }.filter { $0.hasPrefix("[ALERT]") }
        #expect(alerts.count == 2)
        #expect(alerts.first?.contains("reauthentication required") == true)
        #expect(alerts.last?.hasPrefix("[ALERT] Valet: gateway unreachable — POST /tickle") == true)
        #expect(await keeper.lastState == second)
    }

    @Test(
        "webhook bodies follow the configured format and carry no account data",
        arguments: [
            (WebhookFormat.json(key: "text"), "{\"text\":"), (WebhookFormat.json(key: "content"), "{\"content\":"),
            (WebhookFormat.plainText, "Valet: reauthentication required"),
        ])
    func webhookFormats(format: WebhookFormat, prefix: String) async throws {
        let spy = KeeperSpy()
        let keeper = keeper([.success(ScriptedSession.down)], spy: spy, clock: TestClock(), format: format)
        await keeper.runCycle()
        let post = try #require(spy.posts.withLock { $0.first })
        let body = String(decoding: post.body ?? Data(), as: UTF8.self)
        #expect(body.hasPrefix(prefix))
        #expect(!body.contains("DU"))
        #expect(post.method == "POST")
    }

    @Test(
        "webhook format names",
        arguments: [("slack", true), ("discord", true), ("ntfy", true), ("json:msg", true), ("xml", false)])
    func formatNames(name: String, valid: Bool) {
        #expect((WebhookFormat(name) != nil) == valid)
    }
}

@Suite("Reauthentication alert text")
struct ReauthAlertTextTests {
    @Test(
        "account-shaped ids never leave in an alert",
        arguments: [
            ("gateway says DU9085813 is not ready", "gateway says <account> is not ready"),
            ("U12345678.", "<account>."), ("no ids here: port 5000", "no ids here: port 5000"),
        ])
    func redaction(input: String, expected: String) {
        #expect(ReauthAlerter.redactingAccounts(input) == expected)
    }
}
