import FoundationEssentials

/// The adapter's only source of time: what time it is, and how to wait. Every wait in the adapter (snapshot
/// warm-up, pacing, recovery pauses, the session keeper) goes through it, so tests and scenario runs drive the
/// adapter on a virtual clock and never sleep for real.
public struct AdapterClock: Sendable {
    /// The current instant.
    public var now: @Sendable () -> Date
    /// Waits for `duration` (returns at once on a virtual clock, after advancing it).
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system clock and real sleeping, for live use.
    public static let system = AdapterClock(
        now: { Date() },
        sleep: { duration in try await Task.sleep(for: duration) }
    )
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }

    /// A duration from seconds (negative and non-finite values become zero).
    static func interval(_ seconds: TimeInterval) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
