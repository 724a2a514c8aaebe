import Foundation
import Testing

@testable import IBKRAdapter

@Suite("Pacing")
struct PacingTests {
    @Test("up to the rate goes at once, then each waits for the oldest of the window to age out")
    func window() {
        var limit = RateWindow(rate: 10, per: .seconds(1))
        var sent: [Duration] = []
        for _ in 0..<25 {
            let at = limit.earliestSend(at: .zero)
            limit.consume(at: at)
            sent.append(at)
        }
        #expect(Array(sent.prefix(10)) == Array(repeating: .zero, count: 10))
        #expect(Array(sent[10..<20]) == Array(repeating: .seconds(1), count: 10))
        #expect(sent[20] == .seconds(2))
    }

    @Test("no window of the limit's length ever holds more than the rate, whatever the arrivals", arguments: 1...5)
    func neverOverTheLimit(seed: Int) {
        var limit = RateWindow(rate: 10, per: .seconds(1))
        var now = Duration.zero
        var sent: [Duration] = []
        var state = UInt64(seed)
        for _ in 0..<300 {
            // A deterministic mix of bursts and pauses (xorshift).
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            now += .milliseconds(Int64(state % 4 == 0 ? state % 700 : 0))
            let at = limit.earliestSend(at: now)
            limit.consume(at: at)
            sent.append(at)
            now = at
        }
        for start in sent {
            #expect(sent.filter { $0 >= start && $0 < start + .seconds(1) }.count <= 10)
        }
    }

    @Test("an idle limit does not bank credit: after a pause the rate applies from the new requests")
    func idleCredit() {
        var limit = RateWindow(rate: 1, per: .seconds(5))
        limit.consume(at: .zero)
        #expect(limit.earliestSend(at: .seconds(1)) == .seconds(5))
        #expect(limit.earliestSend(at: .seconds(60)) == .seconds(60))
        limit.consume(at: .seconds(60))
        #expect(limit.earliestSend(at: .seconds(60)) == .seconds(65))
    }

    @Test(
        "IBKR's limits: waits for back-to-back requests to one endpoint",
        arguments: [
            ("GET", "/iserver/account/orders", Duration.seconds(5)),
            ("GET", "/iserver/account/trades", .seconds(5)),
            ("POST", "/tickle", .seconds(1)),
            ("GET", "/tickle", .seconds(1)),
            ("GET", "/iserver/marketdata/snapshot", .zero),
            ("GET", "/v1/api/iserver/account/orders", .seconds(5)),
            ("GET", "/iserver/accounts", .zero),
            ("POST", "/iserver/account/DU1/orders", .zero),
        ])
    func endpointLimits(method: String, path: String, secondWait: Duration) {
        var pacer = Pacer()
        #expect(pacer.reserve(method: method, path: path, at: .zero) == .zero)
        #expect(pacer.reserve(method: method, path: path, at: .zero) == secondWait)
    }

    @Test("the global limit holds across endpoints; endpoint limits are separate")
    func globalAcrossEndpoints() {
        var pacer = Pacer()
        #expect(pacer.reserve(method: "GET", path: "/iserver/account/orders", at: .zero) == .zero)
        // Another endpoint is not held by the 5 s live-orders limit; the global window has room.
        #expect(pacer.reserve(method: "GET", path: "/iserver/accounts", at: .zero) == .zero)
        #expect(pacer.reserve(method: "POST", path: "/tickle", at: .milliseconds(150)) == .zero)
        // Ten requests fill the global window: the eleventh waits for the first to age out.
        for _ in 0..<7 { _ = pacer.reserve(method: "GET", path: "/iserver/accounts", at: .milliseconds(200)) }
        #expect(pacer.reserve(method: "GET", path: "/iserver/accounts", at: .milliseconds(200)) == .milliseconds(800))
        // Live orders again: its own 5 s rule dominates.
        #expect(pacer.reserve(method: "GET", path: "/iserver/account/orders", at: .seconds(1)) == .seconds(4))
        #expect(pacer.ruleNames(method: "GET", path: "/iserver/account/orders") == ["global", "live orders"])
    }
}
