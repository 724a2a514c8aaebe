import FoundationEssentials

/// What the journal needs from the file it appends to. `AppendOnlyFile` is the real one; a test double can fail a
/// write half-way, as a full disk does, to prove the journal restores its last complete line.
protocol JournalStorage: AnyObject {
    /// Appends all of `bytes` at the end, or throws (possibly after writing only part of them).
    func write(_ bytes: Data) throws(POSIXError)
    /// Makes the written bytes durable.
    func syncData() throws(POSIXError)
    /// Cuts the file back to `length` bytes (the end of its last complete line).
    func truncate(to length: Int) throws(POSIXError)
    /// Takes an exclusive advisory lock without waiting; false when another process holds it.
    func lockExclusively() -> Bool
    func close()
}
