import Foundation
import IBKRAdapter
import Synchronization

/// A clock that only moves when the adapter sleeps (it jumps ahead at once) or a test advances it, and records
/// every sleep, so waits are asserted without ever sleeping for real.
final class VirtualClock: Sendable {
    private let state: Mutex<(now: Date, sleeps: [Duration])>
    /// Told about every move, so a simulated gateway (the twin) stays on the adapter's time line.
    private let onAdvance: @Sendable (Duration) -> Void

    /// 2025-11-25 15:00 UTC: a Wednesday, inside New York trading hours.
    static let defaultStart = Date(timeIntervalSince1970: 1_764_082_800)

    init(start: Date = VirtualClock.defaultStart, onAdvance: @escaping @Sendable (Duration) -> Void = { _ in }) {
        state = Mutex((start, []))
        self.onAdvance = onAdvance
    }

    var now: Date { state.withLock { $0.now } }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
        onAdvance(duration)
    }

    var adapterClock: AdapterClock {
        AdapterClock(
            now: { self.now },
            sleep: { duration in
                self.state.withLock { $0.sleeps.append(duration) }
                self.advance(by: duration)
            })
    }
}
