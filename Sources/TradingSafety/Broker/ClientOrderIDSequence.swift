import Synchronization
import TradingDomain

/// Client order ids `<prefix>-<n>` with n counting up from 1. The prefix should be unique per process run (the
/// composition root derives it from its own entropy or start time), so ids never repeat across restarts; tests and
/// scenarios pass a fixed prefix for repeatable ids.
public final class ClientOrderIDSequence: Sendable {
    private let prefix: String
    private let counter = Mutex(0)
    /// Never used in practice: `<prefix>-<digits>` always validates when the prefix does.
    private let fallback: ClientOrderID

    /// `prefix` may hold letters, digits, `-` and `_` and at most 40 characters.
    public init(prefix: String) throws(TradingError) {
        guard !prefix.isEmpty, prefix.count <= 40 else {
            throw TradingError.invalid("prefix", "must be 1 to 40 characters")
        }
        fallback = try ClientOrderID(prefix)
        self.prefix = prefix
    }

    /// The next id.
    public func next() -> ClientOrderID {
        let number = counter.withLock { value in
            value += 1
            return value
        }
        // The prefix was validated and the suffix is digits, so this cannot fail; the fallback is never used.
        return (try? ClientOrderID("\(prefix)-\(number)")) ?? fallback
    }
}
