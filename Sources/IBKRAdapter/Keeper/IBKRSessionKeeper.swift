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
        case down(reason: String)

        public var isUp: Bool {
            if case .up = self { return true }
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
            next = .down(reason: "the gateway could not be kept alive: \(error.message)")
        } catch {
            next = .down(reason: "the gateway could not be kept alive: \(TradingError.describe(error))")
        }
        let changed = Self.kindChanged(from: state, to: next)
        state = next
        if changed { onStateChange(next) }
        switch next {
        case .up:
            lastAlert = nil
        case .down(let reason):
            let now = clock.now()
            let due = lastAlert.map { now.timeIntervalSince($0) >= realertInterval.timeInterval } ?? true
            if due {
                lastAlert = now
                alertsSent += 1
                await alerter.alert(reason: reason)
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
        default: return true
        }
    }
}
