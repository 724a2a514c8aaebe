import Foundation
import HTTPCore
import Testing

@testable import GatewayTwin

/// The twin's `/v1/api/ws` session (cpapi.md §11), driven by hand: every push follows from the twin's state
/// and its virtual clock, never from wall time.
@Suite struct WebSocketSessionTests {
    private typealias H = TwinHarness

    private func parsed(_ messages: [String]) -> [TwinJSON] {
        messages.map { TwinJSON.parse(Data($0.utf8)) ?? .null }
    }

    private func topics(_ messages: [String]) -> [String] {
        parsed(messages).map { $0["topic"]?.stringValue ?? "?" }
    }

    @Test func openingSendsSystemHeartbeatAndAuthenticatedStatus() {
        let harness = TwinHarness()
        let session = TwinWebSocketSession(twin: harness.twin)
        let opened = parsed(session.opened())
        #expect(opened.map { $0["topic"]?.stringValue } == ["system", "system", "sts"])
        #expect(opened[1]["hb"]?.intValue == TwinFormat.millis(harness.twin.now))
        #expect(opened[2]["args"]?["authenticated"]?.boolValue == true)
        // Nothing changed, no time passed: nothing more to say.
        #expect(session.poll().isEmpty)
        harness.twin.advance(seconds: 9)
        #expect(session.poll().isEmpty)
        harness.twin.advance(seconds: 1)
        #expect(topics(session.poll()) == ["system"])
    }

    @Test func marketDataSendsRequestedFieldsThenOnlyWhatChanged() throws {
        let harness = TwinHarness()
        let session = TwinWebSocketSession(twin: harness.twin)
        _ = session.opened()
        #expect(harness.twin.setPrice(conid: 265598, last: 191.25, bid: 191.24, ask: 191.26))
        let first = parsed(session.received(#"smd+265598+{"fields":["31","84","86"]}"#))
        try #require(first.count == 1)
        #expect(first[0]["topic"]?.stringValue == "smd+265598")
        #expect(first[0]["conid"]?.intValue == 265598)
        #expect(first[0]["31"]?.stringValue == "191.25")
        #expect(first[0]["84"]?.stringValue == "191.24")
        #expect(first[0]["86"]?.stringValue == "191.26")
        #expect(session.poll().isEmpty)
        // Only the last moves: the update carries field 31 alone, once 500 ms of the twin's time have passed
        // since the previous one (cpapi.md §11's cadence); the move in between is merged away.
        #expect(harness.twin.setPrice(conid: 265598, last: 191.28, bid: 191.24, ask: 191.26))
        #expect(harness.twin.setPrice(conid: 265598, last: 191.30, bid: 191.24, ask: 191.26))
        #expect(session.poll().isEmpty)
        harness.twin.advance(by: .milliseconds(499))
        #expect(session.poll().isEmpty)
        harness.twin.advance(by: .milliseconds(1))
        let update = parsed(session.poll())
        try #require(update.count == 1)
        #expect(update[0]["31"]?.stringValue == "191.30")
        #expect(update[0]["84"] == nil)
        #expect(session.subscribedConids == [265598])
        // umd: no confirmation, and no more updates.
        #expect(session.received("umd+265598+{}").isEmpty)
        #expect(harness.twin.setPrice(conid: 265598, last: 192))
        harness.twin.advance(seconds: 1)
        #expect(session.poll().isEmpty)
        #expect(session.subscribedConids.isEmpty)
    }

    @Test func ordersArePushedWhenTheyChange() throws {
        let harness = TwinHarness()
        let session = TwinWebSocketSession(twin: harness.twin)
        _ = session.opened()
        #expect(session.received("sor+{}").isEmpty)
        #expect(session.ordersSubscribed)
        let orderId = try #require(
            harness.placeOne(H.order("BUY", "LMT", quantity: 2, extra: ["price": .float(150)])))
        let placed = parsed(session.poll())
        try #require(placed.count == 1)
        #expect(placed[0]["topic"]?.stringValue == "sor")
        let row = try #require(placed[0]["args"]?[0])
        #expect(row["orderId"]?.intValue == orderId)
        #expect(row["status"]?.stringValue == "Submitted")
        #expect(session.poll().isEmpty)
        _ = harness.send("DELETE", "/iserver/account/\(harness.account)/order/\(orderId)")
        let cancelled = parsed(session.poll())
        #expect(cancelled.first?["args"]?[0]?["status"]?.stringValue == "Cancelled")
        #expect(session.received("uor+{}").isEmpty)
        _ = harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(151)]))
        #expect(session.poll().isEmpty)
    }

    @Test func profitAndLossFollowsThePositionsValue() throws {
        let harness = TwinHarness()
        let session = TwinWebSocketSession(twin: harness.twin)
        _ = session.opened()
        let first = parsed(session.received("spl"))
        try #require(first.count == 1)
        #expect(first[0]["topic"]?.stringValue == "spl")
        #expect(first[0]["args"] == harness.get("/iserver/account/pnl/partitioned").json["upnl"])
        #expect(session.poll().isEmpty)
        _ = harness.placeOne(H.order("BUY", "MKT", quantity: 10))
        #expect(harness.twin.setPrice(conid: 265598, last: 250))
        let moved = parsed(session.poll()).filter { $0["topic"]?.stringValue == "spl" }
        #expect(moved.first?["args"]?["DU1234567.Core"]?["upl"]?.decimalValue ?? 0 > 0)
        #expect(session.received("upl").isEmpty)
        #expect(harness.twin.setPrice(conid: 265598, last: 260))
        #expect(session.poll().isEmpty)
    }

    @Test func aDroppedSessionIsAnnouncedAndStopsTheStream() {
        let harness = TwinHarness()
        let session = TwinWebSocketSession(twin: harness.twin)
        _ = session.opened()
        _ = session.received(#"smd+265598+{"fields":["31"]}"#)
        harness.twin.dropBrokerageSession()
        let status = parsed(session.poll())
        #expect(status.map { $0["topic"]?.stringValue } == ["sts"])
        #expect(status.first?["args"]?["authenticated"]?.boolValue == false)
        #expect(harness.twin.setPrice(conid: 265598, last: 180))
        #expect(session.poll().isEmpty)
    }

    @Test(arguments: [
        ("smd+abc+{}", "smd needs a conid"),
        (#"smd+999999+{"fields":["31"]}"#, "unknown conid 999999"),
        ("smd+265598+{fields", "must be a JSON object"),
        ("umd", "umd needs a conid"),
        ("ssd+DU1234567+{}", "topic `ssd` is not served"),
    ])
    func badMessagesGetAnErrorNamingWhatIsWrong(message: String, expected: String) {
        let session = TwinWebSocketSession(twin: TwinHarness().twin)
        _ = session.opened()
        let answer = parsed(session.received(message))
        #expect(answer.first?["topic"]?.stringValue == "error")
        #expect(answer.first?["error"]?.stringValue?.contains(expected) == true)
    }

    @Test func numericFieldIdsAreReadAsStrings() {
        let harness = TwinHarness()
        let session = TwinWebSocketSession(twin: harness.twin)
        _ = session.opened()
        #expect(harness.twin.setPrice(conid: 265598, last: 191.25))
        let update = parsed(session.received(#"smd+265598+{"fields":[31]}"#))
        #expect(update.first?["31"]?.stringValue == "191.25")
        #expect(update.first?["84"] == nil)
    }

    @Test func ticAnswersWithTheGatewayClock() {
        let harness = TwinHarness()
        let session = TwinWebSocketSession(twin: harness.twin)
        _ = session.opened()
        let tic = parsed(session.received("tic"))
        #expect(tic.first?["topic"]?.stringValue == "tic")
        #expect(tic.first?["lastAccessed"]?.intValue == TwinFormat.millis(harness.twin.now))
    }

    @Test func theSameScriptGivesTheSameMessages() {
        func run() -> [String] {
            let harness = TwinHarness(TwinHarness.plain(TwinConfiguration(seed: 9, randomWalkInterval: 1)))
            let session = TwinWebSocketSession(twin: harness.twin)
            var messages = session.opened()
            messages += session.received(#"smd+265598+{"fields":["31","84","86","7762"]}"#)
            for _ in 0..<20 {
                harness.twin.advance(seconds: 1)
                messages += session.poll()
            }
            return messages
        }
        let first = run()
        #expect(first.count > 10)
        #expect(first == run())
    }

    @Test func upgradeNeedsTheTickleSessionCookie() throws {
        let harness = TwinHarness()
        let token = try #require(harness.post("/tickle").json["session"]?.stringValue)
        func decide(_ path: String, cookie: String?) -> Int {
            var headers: [String: String] = [:]
            if let cookie { headers["Cookie"] = cookie }
            switch harness.twin.webSocket(HTTPRequest(method: "GET", path: path, headers: headers)) {
            case .accept: return 101
            case .refuse(let response): return response.status
            }
        }
        #expect(decide("/v1/api/ws", cookie: #"api={"session": "\#(token)"}"#) == 101)
        #expect(decide("/v1/api/ws", cookie: "other=1; api=\(token)") == 101)
        #expect(decide("/v1/api/ws", cookie: nil) == 401)
        #expect(decide("/v1/api/ws", cookie: #"api={"session":"stale"}"#) == 401)
        #expect(decide("/v1/api/wss", cookie: "api=\(token)") == 404)
        harness.twin.logOut()
        #expect(decide("/v1/api/ws", cookie: "api=\(token)") == 401)
    }
}
