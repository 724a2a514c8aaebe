import Foundation
import HTTPCore
import IBKRAdapter
import Synchronization
import Testing
import TradingDomain
import ValetTesting

/// IBKR counts a request when it arrives. A transport whose first request spends time on the way (a new
/// connection) must not let the adapter's later sends arrive within one window of it.
@Suite("Pacing at the gateway's end")
struct PacingArrivalTests {
    /// Answers every auth-status request; the first one reaches the "gateway" 300 ms after it was sent. Records
    /// the virtual time each request arrives.
    final class SlowFirstTransport: HTTPTransport {
        let clock: TestClock
        private let arrivals = Mutex<[Date]>([])

        init(clock: TestClock) { self.clock = clock }

        var arrivalTimes: [Date] { arrivals.withLock { $0 } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let first = arrivals.withLock { $0.isEmpty }
            if first { clock.advance(by: .milliseconds(300)) }
            let now = clock.now
            arrivals.withLock { $0.append(now) }
            return HTTPResponse(status: 200, body: Data(#"{"authenticated":true,"connected":true}"#.utf8))
        }
    }

    @Test("no eleven requests arrive within one second, however late the first one arrived")
    func arrivalsKeepTheLimit() async throws {
        let clock = TestClock()
        let transport = SlowFirstTransport(clock: clock)
        let broker = IBKRBroker(
            transport: transport, accountID: try AccountID("DU1234567"), clock: clock.adapterClock)
        for _ in 0..<11 { _ = try await broker.status() }
        let arrivals = transport.arrivalTimes
        try #require(arrivals.count == 11)
        // Booking each request at its send time let the 11th arrive 0.7 s after the 1st.
        #expect(arrivals[10].timeIntervalSince(arrivals[0]) >= 1)
    }
}
