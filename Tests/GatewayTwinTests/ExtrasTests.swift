import Foundation
import HTTPCore
import SimulationKit
import Testing

@testable import GatewayTwin

@Suite("Twin pacing, halts, subscriptions and trace")
struct ExtrasTests {
    typealias H = TwinHarness

    @Test("pacing: a second live-orders call within 5 s answers 429 and locks every endpoint")
    func pacing() {
        let harness = TwinHarness(TwinConfiguration(pacing: TwinPacing(penaltySeconds: 60)))
        #expect(harness.get("/iserver/account/orders").status == 200)
        harness.twin.advance(seconds: 1)
        #expect(harness.get("/iserver/account/orders").status == 429)
        #expect(harness.post("/iserver/auth/status").status == 429)
        harness.twin.advance(seconds: 61)
        #expect(harness.post("/iserver/auth/status").status == 200)
    }

    @Test("pacing is off by default")
    func noPacingByDefault() {
        let harness = TwinHarness()
        for _ in 0..<20 { #expect(harness.post("/tickle").status == 200) }
    }

    @Test("a halted instrument shows H and fills nothing until it resumes")
    func halt() throws {
        let harness = TwinHarness()
        _ = harness.get("/iserver/marketdata/snapshot", ["conids": "265598", "fields": "31"])
        harness.twin.setHalted(conid: 265598, true)
        #expect(harness.get("/iserver/marketdata/snapshot", ["conids": "265598"]).json[0]?["31"] == .string("H190.00"))
        let orderId = try #require(harness.placeOne(H.order("BUY", "MKT", quantity: 1)))
        #expect(harness.status(orderId)["order_status"] == .string("Submitted"))
        harness.twin.setHalted(conid: 265598, false)
        #expect(harness.status(orderId)["order_status"] == .string("Filled"))
    }

    @Test("unsubscribing restarts the snapshot warm-up; unknown conids answer 500 unknown")
    func unsubscribe() {
        let harness = TwinHarness()
        _ = harness.get("/iserver/marketdata/snapshot", ["conids": "265598", "fields": "31"])
        #expect(
            harness.post("/iserver/marketdata/unsubscribe", .object(["conid": .int(265598)])).json["success"]
                == .bool(true))
        #expect(
            harness.post("/iserver/marketdata/unsubscribe", .object(["conid": .int(265598)])).text
                == #"{"error":"unknown"}"#)
        let again = harness.get("/iserver/marketdata/snapshot", ["conids": "265598", "fields": "31"])
        #expect(again.text == #"[{"conid":265598,"conidEx":"265598"}]"#)
        #expect(harness.get("/iserver/marketdata/unsubscribeall").json["unsubscribed"] == .bool(true))
    }

    @Test("the trace records each request and answer as sorted-key JSON lines")
    func trace() {
        let writer = TraceWriter()
        let twin = GatewayTwin(configuration: TwinConfiguration(), trace: writer)
        _ = twin.handle(HTTPRequest(method: "POST", path: "/logout"))
        #expect(
            writer.lines == [
                #"{"at":"2026-01-06T15:00:00.000Z","method":"POST","path":"/logout","query":[],"#
                    + #""responseBody":"{\"status\":true}","status":200}"#
            ])
    }

    /// FNV-1a, 64 bits: a stable fingerprint of a transcript without any third-party hashing.
    static func fingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }

    @Test("the seed-7 transcript matches the fingerprint recorded in an earlier process")
    func golden() {
        let transcript = FaultAndDeterminismTests.transcript(seed: 7)
        let hash = Self.fingerprint(transcript)
        #expect(hash == 0x98BA_062B_F5A0_0950, "fingerprint \(String(hash, radix: 16)); transcript:\n\(transcript)")
    }
}
