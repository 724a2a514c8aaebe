import FoundationEssentials
import Synchronization

/// The intents a scenario run's journal synced to disk, each with its number on the twin's event sequence: the
/// journal's half of the ground truth that orders what Valet made durable against what the twin received.
final class DurableIntentLog: Sendable {
    struct Entry: Sendable, Hashable {
        var sequence: Int
        var clientOrderID: String
    }

    private let entries = Mutex<[Entry]>([])

    func append(sequence: Int, clientOrderID: String) {
        entries.withLock { $0.append(Entry(sequence: sequence, clientOrderID: clientOrderID)) }
    }

    var all: [Entry] { entries.withLock { $0 } }
}
