import Foundation
import Testing

@testable import GatewayTwin

@Suite("Twin competing session")
struct CompetingSessionTests {
    static func dropped() -> TwinHarness {
        let harness = TwinHarness()
        harness.twin.simulateCompetingLogin()
        harness.twin.advance(seconds: 60)
        return harness
    }

    @Test("after the competing login takes the session, it still holds it: status says competing")
    func heldElsewhere() {
        let status = Self.dropped().post("/iserver/auth/status").json
        #expect(status["authenticated"] == .bool(false))
        #expect(status["competing"] == .bool(true))
    }

    @Test("ssodh/init without compete cannot take it back; with compete it can")
    func competeFlag() {
        let harness = Self.dropped()
        let polite = harness.post(
            "/iserver/auth/ssodh/init", .object(["publish": .bool(true), "compete": .bool(false)]))
        #expect(polite.json["authenticated"] == .bool(false))
        #expect(harness.get("/iserver/accounts").status == 400)
        _ = harness.post("/iserver/reauthenticate")
        #expect(harness.post("/iserver/auth/status").json["authenticated"] == .bool(false))
        let taking = harness.post(
            "/iserver/auth/ssodh/init", .object(["publish": .bool(true), "compete": .bool(true)]))
        #expect(taking.json["authenticated"] == .bool(true))
        #expect(taking.json["competing"] == .bool(false))
    }

    @Test("a fresh login clears it")
    func loginClears() {
        let harness = Self.dropped()
        harness.twin.login()
        let status = harness.post("/iserver/auth/status").json
        #expect(status["authenticated"] == .bool(true))
        #expect(status["competing"] == .bool(false))
    }
}
