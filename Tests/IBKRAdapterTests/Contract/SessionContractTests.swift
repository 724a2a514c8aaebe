import Foundation
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// The session part of the adapter contract, run against every backend.
@Suite("IBKRBroker contract: session")
struct SessionContractTests {
    @Test(
        "auth status maps to the domain, with the server version",
        arguments: AdapterBackend.all(for: "session-authenticated"))
    func authenticated(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "session-authenticated")
        let status = try await harness.broker.status()
        #expect(status.canTrade)
        #expect(status.serverVersion == "Build 10.25.0m, Nov 17, 2023 11:29:27 AM")
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "a 2026 gateway with established:false is not ready to trade",
        arguments: AdapterBackend.all(for: "session-established-false"))
    func establishedFalse(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "session-established-false")
        let status = try await harness.broker.status()
        #expect(!status.authenticated)
        #expect(status.connected)
    }

    @Test(
        "a competing session is reported, and blocks trading", arguments: AdapterBackend.all(for: "session-competing"))
    func competing(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "session-competing")
        let status = try await harness.broker.status()
        #expect(status.competing)
        #expect(!status.canTrade)
        #expect(status.message?.contains("another session") == true)
    }

    @Test(
        "401: status says not logged in; other calls throw telling to log in at the gateway",
        arguments: AdapterBackend.all(for: "session-not-logged-in-401"))
    func notLoggedIn(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "session-not-logged-in-401")
        let status = try await harness.broker.status()
        #expect(!status.authenticated)
        #expect(status.message?.contains("log in at the Client Portal Gateway") == true)
        let error = await tradingError { _ = try await harness.broker.accountIdentity() }
        #expect(error?.code == .sessionNotAuthenticated)
        #expect(error?.hint?.contains("log in") == true)
        #expect(error?.message.contains("GET /iserver/accounts") == true)
        #expect(error?.message.contains("401") == true)
    }

    @Test(
        "connected but unauthenticated: ssodh/init, settle on the clock, re-check, prime and suppress",
        arguments: AdapterBackend.all(for: "keepalive-ssodh-recovery"))
    func ssodhRecovery(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "keepalive-ssodh-recovery")
        let status = try await harness.broker.keepAlive()
        #expect(status.canTrade)
        #expect(harness.clock.sleeps.contains(.seconds(3)))
        #expect(harness.sent("POST", "/iserver/questions/suppress") == 1)
        #expect(harness.scenario.unplayed().isEmpty)
        #expect(
            harness.logging.log == [
                "POST /tickle", "POST /iserver/auth/ssodh/init", "POST /iserver/auth/status", "GET /iserver/accounts",
                "POST /iserver/questions/suppress",
            ])
    }

    @Test(
        "400 no bridge: the brokerage session is opened, primed, and the call retried",
        arguments: AdapterBackend.all(for: "no-bridge"))
    func noBridge(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "no-bridge")
        let fills = try await harness.broker.executions(days: 1)
        #expect(fills.count == 1)
        #expect(harness.sent("POST", "/iserver/auth/ssodh/init") == 1)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "500 'Please query /accounts first': prime again, re-suppress, retry once",
        arguments: AdapterBackend.all(for: "priming-lost"))
    func primingLost(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "priming-lost")
        let first = try await harness.broker.openOrders()
        #expect(first.count == 1)
        // Past IBKR's 5 s window the adapter lists again rather than answering from its view.
        harness.clock.advance(by: .seconds(5))
        let second = try await harness.broker.openOrders()
        #expect(second.map(\.orderID) == [OrderID("1210386759")])
        #expect(harness.sent("GET", "/iserver/accounts") == 2)
        #expect(harness.sent("POST", "/iserver/questions/suppress") == 2)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "503 on a read (nightly reset): one retry after a pause on the clock",
        arguments: AdapterBackend.all(for: "summary-503-then-ok"))
    func transientRetry(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "summary-503-then-ok")
        let summary = try await harness.broker.accountSummary()
        #expect(summary.availableFunds == 205_266_944)
        #expect(harness.clock.sleeps.contains(.seconds(2)))
    }

    @Test(
        "IBKR's error text is surfaced with the status and endpoint",
        arguments: AdapterBackend.all(for: "summary-503-twice"))
    func errorTextSurfaced(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "summary-503-twice")
        let error = await tradingError { _ = try await harness.broker.accountSummary() }
        #expect(error?.code == .brokerUnavailable)
        #expect(error?.brokerMessage?.hasPrefix("Details currently unavailable") == true)
        #expect(error?.message.contains("GET /portfolio/DU9085813/summary") == true)
        #expect(error?.message.contains("503") == true)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "429: reported, then every request is held back until the back-off ends",
        arguments: AdapterBackend.all(for: "rate-limited"))
    func rateLimited(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "rate-limited")
        let error = await tradingError { _ = try await harness.broker.executions(days: 1) }
        #expect(error?.code == .rateLimited)
        #expect(error?.brokerMessage == "Too many requests")
        let sentBefore = harness.logging.log.count
        let held = await tradingError { _ = try await harness.broker.executions(days: 1) }
        #expect(held?.code == .rateLimited)
        #expect(harness.logging.log.count == sentBefore)
        harness.clock.advance(by: .seconds(901))
        let fills = try await harness.broker.executions(days: 1)
        #expect(fills.first?.symbol.value == "WM")
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "pacing: live orders wait 5 s between calls on the injected clock",
        arguments: AdapterBackend.all(for: "priming-lost"))
    func pacing(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "priming-lost")
        _ = try await harness.broker.openOrders()
        // The second live-orders call of the warm-up waited for the 1-per-5-s bucket.
        #expect(harness.clock.sleeps.contains { $0 >= .seconds(4) && $0 <= .seconds(5) })
    }

    @Test(
        "a new gateway session id means a new login: prime and suppress again",
        arguments: AdapterBackend.all(for: "keepalive-new-login"))
    func newLogin(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "keepalive-new-login")
        #expect(try await harness.broker.keepAlive().canTrade)
        #expect(try await harness.broker.keepAlive().canTrade)
        #expect(harness.sent("POST", "/iserver/questions/suppress") == 2)
        #expect(harness.sent("GET", "/iserver/accounts") == 2)
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "tickle answering {\"error\":\"no session\"}: reported down with the login hint",
        arguments: AdapterBackend.all(for: "keepalive-no-session"))
    func noSession(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "keepalive-no-session")
        let status = try await harness.broker.keepAlive()
        #expect(!status.authenticated)
        #expect(status.message?.hasPrefix("no session") == true)
        #expect(status.message?.contains("log in") == true)
    }
}
