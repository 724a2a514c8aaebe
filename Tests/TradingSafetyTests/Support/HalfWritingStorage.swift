import Foundation
import Synchronization

@testable import TradingSafety

/// A journal file whose next write stops half-way and fails with ENOSPC, as a full disk does; its truncation can
/// be made to fail too. Everything else goes to a real `AppendOnlyFile`, so the bytes on disk are what a crash
/// would leave.
final class HalfWritingStorage: JournalStorage, @unchecked Sendable {
    // @unchecked: the flags are behind a Mutex; the file is used under the journal's own lock.
    private let file: AppendOnlyFile
    private let flags = Mutex((failNextWrite: false, failTruncate: false, truncations: [Int]()))

    init(path: String) throws(POSIXError) {
        file = try AppendOnlyFile(path: path)
    }

    /// The next write writes half its bytes, then throws ENOSPC.
    func failNextWrite() { flags.withLock { $0.failNextWrite = true } }
    /// Every truncation throws EIO while set.
    func setTruncationFails(_ fails: Bool) { flags.withLock { $0.failTruncate = fails } }
    /// The lengths the journal cut the file back to, in order.
    var truncations: [Int] { flags.withLock { $0.truncations } }

    func write(_ bytes: Data) throws(POSIXError) {
        let fail = flags.withLock { flags in
            defer { flags.failNextWrite = false }
            return flags.failNextWrite
        }
        guard fail else { return try file.write(bytes) }
        try file.write(bytes.prefix(bytes.count / 2))
        throw POSIXError(.ENOSPC)
    }

    func syncData() throws(POSIXError) { try file.syncData() }

    func truncate(to length: Int) throws(POSIXError) {
        let fail = flags.withLock { flags in
            flags.truncations.append(length)
            return flags.failTruncate
        }
        if fail { throw POSIXError(.EIO) }
        try file.truncate(to: length)
    }

    func lockExclusively() -> Bool { file.lockExclusively() }
    func close() { file.close() }
}
