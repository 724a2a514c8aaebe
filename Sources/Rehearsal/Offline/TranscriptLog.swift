import FoundationEssentials
import Synchronization

/// The transcript entries a run produces, appended from the gateway tap and the MCP session, drained by the runner.
final class TranscriptLog: Sendable {
    private let entries = Mutex<[TranscriptEntry]>([])

    func append(_ entry: TranscriptEntry) {
        entries.withLock { $0.append(entry) }
    }

    func drain() -> [TranscriptEntry] {
        entries.withLock { entries in
            defer { entries.removeAll() }
            return entries
        }
    }
}
