import FoundationEssentials
import HTTPCore
import SimulationKit
import Synchronization

/// A deterministic in-process twin of IBKR's Client Portal Gateway.
///
/// It answers `/v1/api/...` requests with the gateway's JSON shapes, runs a session state machine, a market model,
/// a matching engine and an account ledger on a `VirtualClock`, and injects seeded faults. The synchronous core sits
/// behind one mutex; this class is the only concurrency edge.
///
/// ```swift
/// let twin = GatewayTwin(configuration: TwinConfiguration(seed: 7))   // logged in, paper account DU1234567
/// let response = try await twin.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))  // as a transport
/// twin.setPrice(conid: 265598, last: 189.5)       // resting orders react at once
/// twin.advance(seconds: 400)                       // idle timeout: the brokerage session drops
/// let server = try LoopbackHTTPServer { twin.handle($0) }    // the same twin for any CPAPI client
/// ```
public final class GatewayTwin: HTTPTransport, Sendable {
    /// The simulated clock the twin (and whoever shares it) runs on.
    public let clock: VirtualClock
    /// The configuration the twin was built with.
    public let configuration: TwinConfiguration
    private let core: Mutex<TwinCore>
    private let trace: TraceWriter?

    /// A twin with its own clock starting at `start` (default: a Tuesday 10:00 New York, inside regular hours).
    public convenience init(
        configuration: TwinConfiguration = TwinConfiguration(), start: Date? = nil, trace: TraceWriter? = nil
    ) {
        self.init(
            configuration: configuration, clock: VirtualClock(origin: start ?? TwinConfiguration.defaultStart),
            trace: trace)
    }

    /// A twin on a shared clock (the server's session keeper and the twin then live on one time line).
    /// With a trace writer, every request and answer is written as one sorted-key JSON line.
    public init(configuration: TwinConfiguration, clock: VirtualClock, trace: TraceWriter? = nil) {
        self.clock = clock
        self.configuration = configuration
        self.trace = trace
        core = Mutex(TwinCore(configuration: configuration, clock: clock))
    }

    // MARK: - Requests

    /// Handles one request synchronously (the loopback server's entry). A timeout fault answers 504.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        switch outcome(of: request) {
        case .response(let response): return response
        case .timeout: return TwinHTTP.error("Gateway Timeout", status: 504)
        case .unreachable: return TwinHTTP.text("Gateway process is not running", status: 502)
        }
    }

    /// Handles one request and says whether it was answered or swallowed by a timeout fault.
    public func outcome(of request: HTTPRequest) -> TwinOutcome {
        core.withLock { core in
            let at = core.now
            let outcome = core.handle(request)
            if let trace {
                // A trace that cannot be written must not change the answer; the writer keeps what it could.
                try? trace.record(TwinTraceLine(at: at, request: request, outcome: outcome))
            }
            return outcome
        }
    }

    /// `HTTPTransport`: a timeout or unreachable fault throws the `TransportError` a real transport would.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch outcome(of: request) {
        case .response(let response): return response
        case .timeout:
            throw TransportError(
                code: .timedOut, message: "the twin gateway did not answer in time, a scripted timeout fault.",
                hint: "retry; the fault ends when the scenario says so")
        case .unreachable:
            throw TransportError(
                code: .connectionRefused, message: "the twin gateway is unreachable, a scripted outage.",
                hint: "wait for the outage to end, then retry")
        }
    }

    // MARK: - Time

    /// Advances the simulated clock and runs everything due: session timers, the open and close, the nightly
    /// reset, DAY-order expiry, the random walk and the fills they cause.
    public func advance(by duration: Duration) {
        clock.advance(by: duration)
        core.withLock { $0.catchUp(to: $0.now) }
    }

    /// Advances the simulated clock by a number of seconds.
    public func advance(seconds: TimeInterval) {
        clock.advance(seconds: seconds)
        core.withLock { $0.catchUp(to: $0.now) }
    }

    /// Advances the simulated clock to a date (no-op when it is in the past).
    public func advance(to date: Date) {
        clock.advance(toDate: date)
        core.withLock { $0.catchUp(to: $0.now) }
    }

    /// The current simulated date.
    public var now: Date { clock.date }

    // MARK: - Market

    /// Sets an instrument's trade price (bid/ask default to its spread around it) and lets resting orders react.
    /// Answers false for an unknown conid.
    @discardableResult
    public func setPrice(conid: Int, last: Decimal, bid: Decimal? = nil, ask: Decimal? = nil, size: Int = 100) -> Bool {
        core.withLock { core in
            core.catchUp(to: core.now)
            return core.updatePrice(conid: conid, last: last, bid: bid, ask: ask, size: size, at: core.now)
        }
    }

    /// Applies many price ticks in order under one lock (scripts and benchmarks); unknown conids are skipped.
    /// Answers how many ticks were applied.
    @discardableResult
    public func apply(_ ticks: [TwinTick]) -> Int {
        core.withLock { core in
            core.catchUp(to: core.now)
            var applied = 0
            for tick in ticks {
                let before = core.engineCounters.triggers &+ core.engineCounters.fills
                guard
                    core.updatePrice(
                        conid: tick.conid, last: tick.last, bid: tick.bid, ask: tick.ask, size: tick.size, at: core.now)
                else { continue }
                applied += 1
                if core.engineCounters.triggers &+ core.engineCounters.fills != before {
                    core.engineCounters.triggeringUpdates += 1
                }
            }
            core.engineCounters.updates += applied
            return applied
        }
    }

    /// Halts (the last price shows `H`, nothing fills) or resumes trading in one instrument.
    @discardableResult
    public func setHalted(conid: Int, _ halted: Bool) -> Bool {
        core.withLock { core in
            core.catchUp(to: core.now)
            guard core.market.setHalted(conid: conid, halted: halted) else { return false }
            if !halted { core.evaluate(conid: conid, at: core.now) }
            return true
        }
    }

    /// The current last, bid and ask of an instrument.
    public func quote(conid: Int) -> (last: Decimal, bid: Decimal, ask: Decimal)? {
        core.withLock { core in core.market.quotes[conid].map { ($0.last, $0.bid, $0.ask) } }
    }

    // MARK: - Session

    /// Logs in (the browser step a human does): a fresh authenticated, unprimed brokerage session.
    public func login() {
        core.withLock { $0.login() }
    }

    /// Ends the whole session, as `/logout` would.
    public func logOut() {
        core.withLock { $0.session.end() }
    }

    /// Another login takes the brokerage session: status shows `competing`, then drops after the configured delay.
    public func simulateCompetingLogin() {
        core.withLock { $0.simulateCompetingLogin() }
    }

    /// Drops the brokerage session now (keeps SSO), as an early expiry or reset would.
    public func dropBrokerageSession() {
        core.withLock { $0.session.dropBrokerage() }
    }

    /// Stops or restarts the gateway process: while down, the transport throws `cannotConnectToHost` and the
    /// loopback entry answers 502. A restart keeps orders and positions but needs a new login.
    public func setGatewayDown(_ down: Bool) {
        core.withLock { core in
            if down && !core.gatewayDown { core.session.end() }
            core.gatewayDown = down
        }
    }

    /// The session's current state.
    public var sessionState: TwinSessionState {
        core.withLock { core in
            core.catchUp(to: core.now)
            return core.session.state
        }
    }

    /// True once `/iserver/accounts` primed the current brokerage session.
    public var isPrimed: Bool { core.withLock { $0.session.primed } }

    /// Runs `body` on the core under the lock (for the inspection helpers in other files).
    func withCore<Result: Sendable>(_ body: (TwinCore) -> Result) -> Result {
        core.withLock { core in body(core) }
    }
}

/// One price update for `GatewayTwin.apply(_:)`.
public struct TwinTick: Sendable, Hashable {
    public var conid: Int
    public var last: Decimal
    public var bid: Decimal?
    public var ask: Decimal?
    public var size: Int

    public init(conid: Int, last: Decimal, bid: Decimal? = nil, ask: Decimal? = nil, size: Int = 100) {
        self.conid = conid
        self.last = last
        self.bid = bid
        self.ask = ask
        self.size = size
    }
}
