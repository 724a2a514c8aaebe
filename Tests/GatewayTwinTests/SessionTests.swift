import Foundation
import HTTPCore
import Testing

@testable import GatewayTwin

@Suite("Twin session state machine")
struct SessionTests {
    @Test("starts logged in; /iserver calls wait for /iserver/accounts priming")
    func priming() {
        let harness = TwinHarness(primed: false)
        let status = harness.post("/iserver/auth/status")
        #expect(status.json["authenticated"] == .bool(true))
        #expect(status.json["connected"] == .bool(true))
        #expect(status.json["competing"] == .bool(false))
        let early = harness.get("/iserver/marketdata/snapshot", ["conids": "265598"])
        #expect(early.status == 500)
        #expect(early.json["error"] == .string("Please query /accounts first"))
        let accounts = harness.get("/iserver/accounts")
        #expect(accounts.json["selectedAccount"] == .string("DU1234567"))
        #expect(accounts.json["isPaper"] == .bool(true))
        #expect(harness.get("/iserver/marketdata/snapshot", ["conids": "265598"]).status == 200)
    }

    @Test("--logged-out: 401 until login, then authenticated")
    func loggedOut() {
        let harness = TwinHarness(TwinConfiguration(startsLoggedIn: false), primed: false)
        #expect(harness.post("/tickle").status == 401)
        #expect(harness.get("/iserver/accounts").status == 401)
        #expect(harness.get("/portfolio/accounts").status == 401)
        #expect(harness.twin.sessionState == .noSession)
        harness.twin.login()
        #expect(harness.post("/iserver/auth/status").json["authenticated"] == .bool(true))
    }

    @Test("idle for six minutes drops to SSO only: 400 no bridge until ssodh/init, then priming again")
    func idleExpiry() {
        let harness = TwinHarness()
        harness.twin.advance(seconds: 361)
        let status = harness.post("/iserver/auth/status").json
        #expect(status["authenticated"] == .bool(false))
        #expect(status["connected"] == .bool(true))
        let refused = harness.get("/iserver/accounts")
        #expect(refused.status == 400)
        #expect(refused.text == #"{"error":"Bad Request: no bridge","statusCode":400}"#)
        #expect(harness.post("/iserver/auth/ssodh/init", .object(["publish": .bool(false)])).status == 500)
        let opened = harness.post(
            "/iserver/auth/ssodh/init", .object(["publish": .bool(true), "compete": .bool(true)]))
        #expect(opened.json["authenticated"] == .bool(true))
        #expect(harness.get("/iserver/account/orders").status == 500)
    }

    @Test("a tickle every minute keeps the session alive; ssoExpires counts down between requests")
    func tickleKeepsAlive() {
        let harness = TwinHarness()
        for _ in 0..<15 {
            harness.twin.advance(seconds: 60)
            #expect(harness.post("/tickle").json["ssoExpires"] == .int(540_000))
        }
        #expect(harness.twin.sessionState == .authenticated)
        harness.twin.advance(seconds: 100)
        let tickle = harness.post("/tickle").json
        #expect(tickle["ssoExpires"] == .int(500_000))
        #expect(tickle["iserver"]?["authStatus"]?["authenticated"] == .bool(true))
        #expect(tickle["collission"] == .bool(false))
        #expect(tickle["session"]?.stringValue?.count == 32)
    }

    @Test("the nightly reset at 01:00 New York drops the brokerage session and its priming")
    func nightlyReset() {
        // 2026-01-07 00:55 New York = 05:55 UTC.
        let harness = TwinHarness(start: Date(timeIntervalSince1970: 1_767_765_300))
        for _ in 0..<4 {
            harness.twin.advance(seconds: 60)
            _ = harness.post("/tickle")
        }
        #expect(harness.twin.sessionState == .authenticated)
        #expect(harness.twin.isPrimed)
        harness.twin.advance(seconds: 60)
        #expect(harness.twin.sessionState == .ssoOnly)
        #expect(!harness.twin.isPrimed)
    }

    @Test("the session ends after its maximum life even with keep-alives")
    func maximumLife() {
        let harness = TwinHarness(TwinConfiguration(maximumSessionLife: 600))
        for _ in 0..<9 {
            harness.twin.advance(seconds: 60)
            _ = harness.post("/tickle")
        }
        #expect(harness.twin.sessionState == .authenticated)
        harness.twin.advance(seconds: 60)
        #expect(harness.twin.sessionState == .noSession)
        #expect(harness.post("/tickle").status == 401)
    }

    @Test("a competing login shows competing, then drops to unauthenticated")
    func competing() {
        let harness = TwinHarness()
        harness.twin.simulateCompetingLogin()
        #expect(harness.post("/iserver/auth/status").json["competing"] == .bool(true))
        harness.twin.advance(seconds: 31)
        let status = harness.post("/iserver/auth/status").json
        #expect(status["authenticated"] == .bool(false))
        // The other login still holds the brokerage session (see CompetingSessionTests).
        #expect(status["competing"] == .bool(true))
    }

    @Test("logout ends everything; sso/validate and reauthenticate answer in IBKR's shapes")
    func logoutAndValidate() {
        let harness = TwinHarness()
        let validate = harness.get("/sso/validate").json
        #expect(validate["LOGIN_TYPE"] == .int(2))
        #expect(validate["RESULT"] == .bool(true))
        harness.twin.dropBrokerageSession()
        #expect(harness.post("/iserver/reauthenticate").json == .object(["message": .string("triggered")]))
        #expect(harness.twin.sessionState == .authenticated)
        #expect(harness.post("/logout").text == #"{"status":true}"#)
        #expect(harness.twin.sessionState == .noSession)
    }

    @Test("paths with the /v1/api prefix route the same; unknown routes answer 404")
    func routing() {
        let harness = TwinHarness()
        #expect(harness.post("/v1/api/iserver/auth/status").json["authenticated"] == .bool(true))
        #expect(harness.post("/v1/portal/tickle").status == 200)
        #expect(harness.get("/iserver/nothing/here").status == 404)
        #expect(harness.send("DELETE", "/tickle").status == 405)
    }
}

@Suite("Twin delayed brokerage opening")
struct DelayedOpeningTests {
    @Test("after ssodh/init the status stays unauthenticated for the configured delay")
    func delayedOpen() {
        let harness = TwinHarness(TwinConfiguration(brokerageOpenDelaySeconds: 3))
        harness.twin.dropBrokerageSession()
        let opened = harness.post(
            "/iserver/auth/ssodh/init", .object(["publish": .bool(true), "compete": .bool(true)]))
        #expect(opened.json["authenticated"] == .bool(false))
        #expect(opened.json["connected"] == .bool(true))
        harness.twin.advance(seconds: 2)
        #expect(harness.post("/iserver/auth/status").json["authenticated"] == .bool(false))
        harness.twin.advance(seconds: 1)
        #expect(harness.post("/iserver/auth/status").json["authenticated"] == .bool(true))
    }
}
