import Foundation
import HTTPCore
import IBKRAdapter
import Synchronization
import Testing
import TradingDomain
import ValetTesting

/// Holds one request until the test releases it, so a concurrent call can be started while it is in flight.
final class HoldingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let held: String
    private let state = Mutex<
        (
            arrived: Bool, release: CheckedContinuation<Void, Never>?, released: Bool,
            arrival: CheckedContinuation<Void, Never>?
        )
    >((false, nil, false, nil))

    init(base: any HTTPTransport, holding: String) {
        self.base = base
        self.held = holding
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if "\(request.method) \(request.path)" == held {
            await withCheckedContinuation { continuation in
                let (resumeNow, waiter) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
                    state.arrived = true
                    defer { state.arrival = nil }
                    if state.released { return (true, state.arrival) }
                    state.release = continuation
                    return (false, state.arrival)
                }
                waiter?.resume()
                if resumeNow { continuation.resume() }
            }
        }
        return try await base.send(request)
    }

    var arrived: Bool { state.withLock { $0.arrived } }

    /// Returns once the held request has arrived, without spinning on the cooperative pool.
    func arrival() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.arrived { return true }
                state.arrival = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    func release() {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.released = true
            defer { state.release = nil }
            return state.release
        }
        continuation?.resume()
    }
}

@Suite("IBKRBroker contract: reply questions are answered with nothing in between")
struct ReplyGateTests {
    @Test(
        "a keep-alive started mid-conversation waits for the last reply",
        arguments: AdapterBackend.all(for: "order-questions-with-tickle"))
    func tickleWaits(backend: AdapterBackend) async throws {
        let scenario = try backend.make("order-questions-with-tickle")
        let orders = "POST /iserver/account/DU9085813/orders"
        let holding = HoldingTransport(base: scenario, holding: orders)
        let logging = LoggingTransport(base: holding)
        let broker = IBKRBroker(
            transport: logging, accountID: try AccountID("DU9085813"), clock: TestClock().adapterClock)
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(100), type: .limit(165))
        let placing = Task { try await broker.place(order, clientOrderID: try ClientOrderID("intent-1")) }
        await holding.arrival()
        let tickling = Task { try await broker.keepAlive() }
        for _ in 0..<200 { await Task.yield() }
        holding.release()
        let ack = try await placing.value
        let status = try await tickling.value
        #expect(ack.orderID == OrderID("1149239278"))
        #expect(status.canTrade)
        let log = logging.log
        let post = try #require(log.firstIndex(of: orders))
        #expect(Array(log[(post + 1)...]).map { $0.hasPrefix("POST /iserver/reply/") } == [true, true, false])
        #expect(log.last == "POST /tickle")
        #expect(scenario.unplayed().isEmpty)
    }
}
