import FoundationEssentials
import Synchronization

/// The one clock test doubles share for "now" and "sleep": time moves only when a test advances it or code
/// sleeps on it (the sleep returns at once, after moving the clock), and every sleep is recorded, so waits are
/// asserted without ever sleeping for real (like swift-clocks' test clock, driven by hand like NIOEmbedded).
///
/// ```swift
/// let clock = TestClock()
/// try await clock.sleep(for: .seconds(2))     // returns at once
/// #expect(clock.sleeps == [.seconds(2)])
/// clock.advance(by: 60)                        // seconds
/// ```
public final class TestClock: Sendable {
    private let state: Mutex<(now: Date, sleeps: [Duration])>
    /// Told about every move, so a simulated gateway (the twin) can stay on the same time line.
    private let onAdvance: @Sendable (Duration) -> Void

    /// 2025-11-25 15:00 UTC: a Wednesday, inside New York trading hours.
    public static let defaultStart = Date(timeIntervalSince1970: 1_764_082_800)

    /// A clock standing at `start`; `onAdvance` hears of every move after it happened.
    public init(start: Date = TestClock.defaultStart, onAdvance: @escaping @Sendable (Duration) -> Void = { _ in }) {
        state = Mutex((start, []))
        self.onAdvance = onAdvance
    }

    /// The current instant.
    public var now: Date { state.withLock { $0.now } }

    /// Every sleep so far, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Moves the clock forward (a negative duration moves it back; tests use that only on purpose).
    public func advance(by duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
        onAdvance(duration)
    }

    /// Moves the clock forward by a number of seconds.
    public func advance(by seconds: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
        onAdvance(.seconds(seconds))
    }

    /// Records the sleep and moves the clock by it, at once.
    public func slept(_ duration: Duration) {
        state.withLock { $0.sleeps.append(duration) }
        advance(by: duration)
    }

    /// `Task.sleep` on this clock: throws `CancellationError` when the task is cancelled, else returns at once
    /// after recording the sleep and moving the clock.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        slept(duration)
    }
}
