import FoundationEssentials
import TradingDomain

/// Keeps a broker session alive: every `interval` (TICKLE_INTERVAL_SECONDS) on the injected clock it calls
/// `keepAlive()`, reports state changes, and raises a reauthentication alert when the session is down — at once,
/// then again at most every `realertInterval` while it stays down.
///
/// Drive it one cycle at a time with `runCycle()` (tests), or let `run(maxCycles:)` loop until cancelled.
public actor IBKRSessionKeeper {
    /// What the keeper concluded from one cycle.
    public enum State: Sendable, Hashable {
        case up(SessionStatus)
        /// The gateway answered that the session needs a login (or is taken by another session).
        case down(reason: String)
        /// No usable answer from the gateway (not running, wrong address, an error status): a login would not
        /// help, so this is not reported as "reauthentication required".
        case unreachable(reason: String)

        public var isUp: Bool {
            if case .up = self { return true }
            return false
        }

        /// True when the gateway gave no usable answer (as opposed to answering that a login is needed).
        public var isUnreachable: Bool {
            if case .unreachable = self { return true }
            return false
        }
    }

    private let session: any BrokerSession
    private let clock: AdapterClock
    private let interval: Duration
    private let realertInterval: Duration
    private let alerter: ReauthAlerter
    private let onStateChange: @Sendable (State) -> Void
    private var state: State?
    private var lastAlert: Date?
    public private(set) var alertsSent = 0
    public private(set) var cycles = 0
    /// The state the last cycle concluded (nil before the first).
    public var lastState: State? { state }

    public init(
        session: any BrokerSession, clock: AdapterClock, interval: Duration, realertInterval: Duration = .seconds(900),
        alerter: ReauthAlerter, onStateChange: @escaping @Sendable (State) -> Void = { _ in }
    ) {
        self.session = session
        self.clock = clock
        self.interval = interval
        self.realertInterval = realertInterval
        self.alerter = alerter
        self.onStateChange = onStateChange
    }

    /// One tickle: updates the state, reports a change, alerts when due.
    @discardableResult
    public func runCycle() async -> State {
        cycles += 1
        let next: State
        do {
            let status = try await session.keepAlive()
            next = status.canTrade ? .up(status) : .down(reason: Self.reason(for: status))
        } catch  where Task.isCancelled {
            // The keeper is being stopped (the server is shutting down): that says nothing about the session,
            // so no state change and no alert.
            return state ?? .down(reason: "stopped")
        } catch let error as TradingError {
            next = .unreachable(reason: error.message)
        } catch {
            next = .unreachable(reason: TradingError.describe(error))
        }
        let changed = Self.kindChanged(from: state, to: next)
        // Going from "needs a login" to "unreachable" (or back) asks the person for something else: alert at once.
        let switchedProblem = state.map { !$0.isUp && $0.isUnreachable != next.isUnreachable } ?? false
        state = next
        if changed { onStateChange(next) }
        switch next {
        case .up:
            lastAlert = nil
        case .down(let reason), .unreachable(let reason):
            let now = clock.now()
            let due =
                switchedProblem || (lastAlert.map { now.timeIntervalSince($0) >= realertInterval.timeInterval } ?? true)
            if due {
                lastAlert = now
                alertsSent += 1
                if case .unreachable = next {
                    await alerter.alertUnreachable(reason: reason)
                } else {
                    await alerter.alert(reason: reason)
                }
            }
        }
        return next
    }

    /// Runs a cycle, waits `interval` on the clock, and repeats until cancelled or `maxCycles` cycles ran.
    public func run(maxCycles: Int? = nil) async {
        var count = 0
        while !Task.isCancelled {
            await runCycle()
            count += 1
            if let maxCycles, count >= maxCycles { return }
            do {
                try await clock.sleep(interval)
            } catch {
                return
            }
        }
    }

    static func reason(for status: SessionStatus) -> String {
        if status.competing {
            return "another session (TWS, Client Portal or IBKR Mobile) is using this username; log out there or "
                + "use a dedicated username, then log in at the gateway"
        }
        if status.connected {
            return "the gateway is connected but the brokerage session is not authenticated; log in at the gateway"
        }
        return "no session at the gateway; log in at the Client Portal Gateway (with 2FA)"
    }

    private static func kindChanged(from old: State?, to new: State) -> Bool {
        switch (old, new) {
        case (nil, _): return true
        case (.up?, .up): return false
        case (.down(let a)?, .down(let b)): return a != b
        case (.unreachable(let a)?, .unreachable(let b)): return a != b
        default: return true
        }
    }
}
