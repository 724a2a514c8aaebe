import FoundationEssentials
import Synchronization

/// One numbering of events shared by several parts of a simulated run (the journal's durable writes, the twin's
/// receipts), so checks can order what happened on different sides without trusting either side's clock.
public final class EventSequence: Sendable {
    private let counter = Mutex(0)

    public init() {}

    /// The next number (the first is 1).
    public func next() -> Int {
        counter.withLock { value in
            value += 1
            return value
        }
    }

    /// The last number handed out (0 before any).
    public var last: Int { counter.withLock { $0 } }
}
