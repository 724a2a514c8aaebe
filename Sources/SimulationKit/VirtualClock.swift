import FoundationEssentials
import Synchronization

/// Simulated time that moves only when told to: a wall-clock `Date` for calendars and expiries, and a stdlib
/// `Clock` so code that sleeps (`clock.sleep(for:)`) wakes exactly when the simulation passes its deadline.
///
/// One instance is shared by everything in a simulated run (server, session keeper, twin), so timeouts and
/// keep-alives run on the same time line. All state sits behind one `Mutex`; continuations are resumed after the
/// lock is released.
public final class VirtualClock: Clock, Sendable {
    /// A point on the simulated time line, measured from the clock's origin.
    public struct Instant: InstantProtocol, Sendable, Hashable {
        /// Time since the clock's origin.
        public var offset: Duration

        /// An instant `offset` after the origin.
        public init(offset: Duration) {
            self.offset = offset
        }

        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        public func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }
    }

    private struct Sleeper {
        let id: UInt64
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var elapsed: Duration = .zero
        var sleepers: [Sleeper] = []
        var nextSleeperID: UInt64 = 0
    }

    /// The wall-clock date at offset zero.
    public let origin: Date
    private let state = Mutex(State())

    /// A clock whose time starts at `origin`.
    public init(origin: Date) {
        self.origin = origin
    }

    /// The current simulated instant.
    public var now: Instant { Instant(offset: state.withLock { $0.elapsed }) }

    /// The simulated clock has no resolution limit.
    public var minimumResolution: Duration { .zero }

    /// The current simulated wall-clock date.
    public var date: Date { date(at: now) }

    /// How many tasks are sleeping on this clock (lets a test wait until a sleeper is armed).
    public var pendingSleepers: Int { state.withLock { $0.sleepers.count } }

    /// The wall-clock date of an instant.
    public func date(at instant: Instant) -> Date {
        origin.addingTimeInterval(Self.seconds(instant.offset))
    }

    /// A closure that reads the simulated date, for code that takes `@Sendable () -> Date`.
    public var dateProvider: @Sendable () -> Date {
        { [self] in self.date }
    }

    /// Moves time forward by `duration` (negative durations are ignored), waking due sleepers in deadline order.
    public func advance(by duration: Duration) {
        guard duration > .zero else { return }
        advance(to: now.advanced(by: duration))
    }

    /// Moves time forward by a number of seconds.
    public func advance(seconds: TimeInterval) {
        guard let millis = Self.millis(seconds), millis > 0 else { return }
        advance(by: .milliseconds(millis))
    }

    /// Moves time forward to `date`; a date in the past leaves the clock where it is.
    public func advance(toDate target: Date) {
        guard let millis = Self.millis(target.timeIntervalSince(origin)) else { return }
        advance(to: Instant(offset: .milliseconds(millis)))
    }

    /// Whole milliseconds of a number of seconds; nil when not finite or beyond about 30,000 years.
    static func millis(_ seconds: TimeInterval) -> Int64? {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        return Int64((seconds * 1000).rounded())
    }

    /// Moves time forward to `target`, resuming each sleeper whose deadline is reached.
    public func advance(to target: Instant) {
        while true {
            let woken: Sleeper? = state.withLock { current in
                guard target.offset > current.elapsed || !current.sleepers.isEmpty else { return nil }
                let due = current.sleepers.indices.filter { current.sleepers[$0].deadline <= target }
                guard
                    let index = due.min(by: {
                        let lhs = current.sleepers[$0]
                        let rhs = current.sleepers[$1]
                        return lhs.deadline != rhs.deadline ? lhs.deadline < rhs.deadline : lhs.id < rhs.id
                    })
                else {
                    if target.offset > current.elapsed { current.elapsed = target.offset }
                    return nil
                }
                let sleeper = current.sleepers.remove(at: index)
                if sleeper.deadline.offset > current.elapsed { current.elapsed = sleeper.deadline.offset }
                return sleeper
            }
            guard let woken else { return }
            woken.continuation.resume()
        }
    }

    /// Suspends until the simulated time reaches `deadline`; throws `CancellationError` when cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { current -> UInt64 in
            current.nextSleeperID += 1
            return current.nextSleeperID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let dueNow = state.withLock { current -> Bool? in
                    if Task.isCancelled { return nil }
                    if deadline.offset <= current.elapsed { return true }
                    current.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                switch dueNow {
                case .some(true): continuation.resume()
                case .some(false): break
                case .none: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let cancelled = state.withLock { current -> Sleeper? in
                guard let index = current.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return current.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// A duration as seconds (attosecond precision is more than a `Double` keeps; milliseconds survive).
    public static func seconds(_ duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
