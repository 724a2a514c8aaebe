import Foundation
import HTTPCore
import Synchronization
import Testing

@testable import IBKRAdapter

@Suite("Pacing")
struct PacingTests {
    @Test("burst 1 spaces requests evenly at the sustained rate")
    func evenSpacing() {
        var bucket = TokenBucket(rate: 10, per: .seconds(1))
        var sent: [Duration] = []
        for _ in 0..<12 {
            let at = bucket.earliestSend(at: .zero)
            bucket.consume(at: at)
            sent.append(at)
        }
        #expect(sent == (0..<12).map { Duration.milliseconds(100 * $0) })
        // No one-second window [t, t+1s) holds more than 10 of them.
        for start in sent {
            #expect(sent.filter { $0 >= start && $0 < start + .seconds(1) }.count <= 10)
        }
    }

    @Test("a burst allowance lets that many through at once, then the rate applies")
    func burst() {
        var bucket = TokenBucket(rate: 10, per: .seconds(1), burst: 3)
        var sent: [Duration] = []
        for _ in 0..<5 {
            let at = bucket.earliestSend(at: .zero)
            bucket.consume(at: at)
            sent.append(at)
        }
        #expect(sent == [.zero, .zero, .zero, .milliseconds(100), .milliseconds(200)])
    }

    @Test("an idle bucket does not bank credit beyond its burst")
    func idleCredit() {
        var bucket = TokenBucket(rate: 1, per: .seconds(5))
        bucket.consume(at: .zero)
        #expect(bucket.earliestSend(at: .seconds(1)) == .seconds(5))
        #expect(bucket.earliestSend(at: .seconds(60)) == .seconds(60))
        bucket.consume(at: .seconds(60))
        #expect(bucket.earliestSend(at: .seconds(60)) == .seconds(65))
    }

    @Test(
        "IBKR's limits: waits for back-to-back requests to one endpoint",
        arguments: [
            ("GET", "/iserver/account/orders", Duration.seconds(5)),
            ("GET", "/iserver/account/trades", .seconds(5)),
            ("POST", "/tickle", .seconds(1)),
            ("GET", "/tickle", .seconds(1)),
            ("GET", "/iserver/marketdata/snapshot", .milliseconds(100)),
            ("GET", "/v1/api/iserver/account/orders", .seconds(5)),
            ("GET", "/iserver/accounts", .milliseconds(100)),
            ("POST", "/iserver/account/DU1/orders", .milliseconds(100)),
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
        // Another endpoint only waits for the global slot, not the 5 s live-orders limit.
        #expect(pacer.reserve(method: "GET", path: "/iserver/accounts", at: .zero) == .milliseconds(100))
        #expect(pacer.reserve(method: "POST", path: "/tickle", at: .milliseconds(150)) == .milliseconds(50))
        // Live orders again: its own 5 s rule dominates.
        #expect(pacer.reserve(method: "GET", path: "/iserver/account/orders", at: .seconds(1)) == .seconds(4))
        #expect(pacer.ruleNames(method: "GET", path: "/iserver/account/orders") == ["global", "live orders"])
    }

    @Test("PacedTransport waits on the injected clock, never on real time")
    func pacedTransport() async throws {
        let clock = JumpClock()
        let calls = Mutex<[Duration]>([])
        let base = StubTransport { _ in
            calls.withLock { $0.append(clock.elapsed) }
            return HTTPResponse(status: 200)
        }
        let paced = PacedTransport(wrapping: base, clock: clock)
        for _ in 0..<3 {
            _ = try await paced.send(HTTPRequest(method: "GET", path: "/iserver/account/orders"))
        }
        #expect(calls.withLock { $0 } == [.zero, .seconds(5), .seconds(10)])
        #expect(clock.sleeps == [.seconds(5), .seconds(10)])
    }
}

/// A transport double answering from a closure.
struct StubTransport: HTTPTransport {
    let answer: @Sendable (HTTPRequest) -> HTTPResponse
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { answer(request) }
}

/// A clock whose `sleep` returns at once after jumping time to the deadline, recording where it slept to.
final class JumpClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var now: Instant { Instant(offset: state.withLock { $0.now }) }
    var minimumResolution: Duration { .nanoseconds(1) }
    var elapsed: Duration { state.withLock { $0.now } }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        state.withLock { state in
            state.sleeps.append(deadline.offset)
            state.now = max(state.now, deadline.offset)
        }
    }
}
