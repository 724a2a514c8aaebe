import Foundation
import IBKRAdapter
import Synchronization

/// A clock that only moves when the adapter sleeps (it jumps ahead at once) or a test advances it, and records
/// every sleep, so waits are asserted without ever sleeping for real.
final class VirtualClock: Sendable {
    private let state: Mutex<(now: Date, sleeps: [Duration])>

    /// Starts on 2026-11-25 15:00 UTC (a Wednesday, inside New York trading hours).
    init(start: Date = Date(timeIntervalSince1970: 1_764_082_800)) {
        state = Mutex((start, []))
    }

    var now: Date { state.withLock { $0.now } }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
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
