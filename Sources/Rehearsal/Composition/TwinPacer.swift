import FoundationEssentials
import GatewayTwin
import Synchronization

/// Runs the twin's virtual clock alongside a wall clock at a chosen speed, for interactive rehearsal: an agent can
/// rehearse a 10:00 New York session at 3 a.m., and `--speed 60` turns a minute into a second. A scenario's price
/// path plays as virtual time passes. The wall clock is injected, so the pacer itself stays deterministic under test.
public final class TwinPacer: Sendable {
    /// One scheduled price: at `at`, the instrument `conid` trades at `last`.
    public struct Tick: Sendable, Equatable {
        public var at: Date
        public var conid: Int
        public var last: Decimal
        public var bid: Decimal?
        public var ask: Decimal?

        public init(at: Date, conid: Int, last: Decimal, bid: Decimal? = nil, ask: Decimal? = nil) {
            self.at = at
            self.conid = conid
            self.last = last
            self.bid = bid
            self.ask = ask
        }
    }

    public let twin: GatewayTwin
    public let speed: Double
    private let wallNow: @Sendable () -> Date
    private let wallStart: Date
    private let virtualStart: Date
    /// Virtual seconds skipped on request (`skip(seconds:)`, the twin admin API's advance).
    private let skipped = Mutex<TimeInterval>(0)
    /// Ticks not yet applied, in time order.
    private let pending: Mutex<ArraySlice<Tick>>

    /// - Parameters:
    ///   - speed: virtual seconds per wall second (1 = real time); must be positive and finite.
    ///   - ticks: a price path to play (applied in time order as virtual time reaches each tick).
    public init(twin: GatewayTwin, speed: Double = 1, ticks: [Tick] = [], wallNow: @escaping @Sendable () -> Date) {
        self.twin = twin
        self.speed = speed.isFinite && speed > 0 ? speed : 1
        self.wallNow = wallNow
        self.wallStart = wallNow()
        self.virtualStart = twin.now
        self.pending = Mutex(ArraySlice(ticks.sorted { $0.at < $1.at }))
        catchUp()
    }

    /// The virtual instant that corresponds to the wall clock now.
    public var virtualNow: Date {
        virtualStart.addingTimeInterval(wallNow().timeIntervalSince(wallStart) * speed + skipped.withLock { $0 })
    }

    /// Moves virtual time ahead by `seconds` at once (and keeps it ahead of the wall clock from then on).
    public func skip(seconds: TimeInterval) {
        guard seconds.isFinite, seconds > 0 else { return }
        skipped.withLock { $0 += seconds }
        catchUp()
    }

    /// Brings the twin up to the present: ticks that fell due are applied at their own instants, so resting orders
    /// react in order; fills, expiries and session timers run as time passes.
    public func catchUp() {
        let target = virtualNow
        pending.withLock { pending in
            while let tick = pending.first, tick.at <= target {
                pending.removeFirst()
                twin.advance(to: tick.at)
                twin.setPrice(conid: tick.conid, last: tick.last, bid: tick.bid, ask: tick.ask)
            }
        }
        twin.advance(to: target)
    }
}
