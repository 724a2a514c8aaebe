import FoundationEssentials

/// Where the gateway's login stands (cpapi.md §10 state machine).
public enum TwinSessionState: String, Sendable {
    /// Gateway up, nobody logged in: `/iserver` and `/portfolio` answer 401.
    case noSession
    /// SSO (read-only) session only: `connected:true, authenticated:false`; `/iserver` answers 400 `no bridge`.
    case ssoOnly
    /// Brokerage session up.
    case authenticated
    /// Another login took the brokerage session; drops to `ssoOnly` after a delay.
    case competing
}

/// The login, its timers and everything scoped to one brokerage session (priming, suppressed questions,
/// market-data subscriptions, the live-orders subscription).
struct TwinSession: Sendable {
    var state: TwinSessionState
    var loginAt: Date?
    var lastActivity: Date
    var competingSince: Date?
    /// Another login (TWS, IBKR Mobile) took the brokerage session and still holds it: `ssodh/init` without
    /// `compete: true` cannot take it back, only a competing init or a fresh login can.
    var heldElsewhere = false
    /// `/iserver/accounts` was called in this brokerage session.
    var primed = false
    /// `/portfolio/accounts` was called in this SSO session.
    var portfolioPrimed = false
    var suppressedMessageIds: Set<String> = []
    /// Conid → subscription number (`q0`, `q1`, … in the snapshot's `server_id`).
    var snapshotSubscriptions: [Int: Int] = [:]
    /// The next `q<n>` number handed to a new market-data stream.
    var nextServerIndex = 0
    /// Fields requested so far per conid (they keep streaming, so later calls may omit `fields`).
    var snapshotFields: [Int: Set<String>] = [:]
    var liveOrdersSubscribed = false
    /// Counts brokerage sessions: bumped whenever one ends, carried over a new login. Orders remember it
    /// (order status answers only for the current one, cpapi.md §6.10).
    var epoch = 0
    /// When the brokerage session came up: `established` turns true `establishDelaySeconds` later.
    var brokerageUpAt: Date?
    /// 32-hex session id shown by `/tickle`.
    var token: String

    init(state: TwinSessionState, at date: Date, token: String, epoch: Int = 0) {
        self.state = state
        self.epoch = epoch
        brokerageUpAt = state == .authenticated ? date : nil
        lastActivity = date
        loginAt = state == .noSession ? nil : date
        self.token = token
    }

    var isBrokerageUp: Bool { state == .authenticated || state == .competing }

    /// Clears everything scoped to the brokerage session (after a drop, reset or expiry).
    mutating func dropBrokerage() {
        if state != .noSession { state = .ssoOnly }
        epoch += 1
        brokerageUpAt = nil
        competingSince = nil
        primed = false
        suppressedMessageIds = []
        snapshotSubscriptions = [:]
        nextServerIndex = 0
        snapshotFields = [:]
        liveOrdersSubscribed = false
    }

    /// The nightly reset's other outcome: still authenticated, but priming, suppression and subscriptions are
    /// gone and orders of the earlier session are no longer reported by order status.
    mutating func unprime() {
        epoch += 1
        primed = false
        suppressedMessageIds = []
        snapshotSubscriptions = [:]
        nextServerIndex = 0
        snapshotFields = [:]
        liveOrdersSubscribed = false
    }

    /// Ends the whole login.
    mutating func end() {
        dropBrokerage()
        state = .noSession
        heldElsewhere = false
        state = .noSession
        loginAt = nil
        portfolioPrimed = false
    }

    /// Applies the timers up to `now`: 24-hour life, SSO lifetime, idle timeout, competing drop.
    mutating func expire(at now: Date, configuration: TwinConfiguration) {
        guard state != .noSession else { return }
        if let loginAt, now.timeIntervalSince(loginAt) >= configuration.maximumSessionLife {
            end()
            return
        }
        if now.timeIntervalSince(lastActivity) >= configuration.ssoLifetime {
            end()
            return
        }
        if isBrokerageUp, now.timeIntervalSince(lastActivity) >= configuration.idleTimeout {
            dropBrokerage()
            return
        }
        if state == .competing, let competingSince,
            now.timeIntervalSince(competingSince) >= configuration.competingDropDelay
        {
            dropBrokerage()
            heldElsewhere = true
        }
    }

    /// Milliseconds until the SSO session expires without further activity.
    func ssoExpiresMillis(at now: Date, configuration: TwinConfiguration) -> Int {
        let left = configuration.ssoLifetime - now.timeIntervalSince(lastActivity)
        guard left.isFinite else { return left > 0 ? Int(Int32.max) : 0 }
        return max(0, Int(min(left, Double(Int32.max)) * 1000))
    }
}
