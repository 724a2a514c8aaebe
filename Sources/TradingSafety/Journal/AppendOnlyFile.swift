import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for appending through its POSIX descriptor: every write lands at the end, writes are retried
/// until complete, and the data can be forced to disk. (FoundationEssentials has no `FileHandle`.)
final class AppendOnlyFile: JournalStorage {
    let descriptor: Int32

    /// Opens `path` for appending, creating it (mode 0644) when missing.
    init(path: String) throws(POSIXError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.lastError() }
        descriptor = fd
    }

    /// Writes all of `bytes`.
    func write(_ bytes: Data) throws(POSIXError) {
        var failure: POSIXError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Self.lastError()
                    return
                }
                offset += written
            }
        }
        if let failure { throw failure }
    }

    /// Makes the written bytes durable. `fdatasync` flushes the data and the file size (what a reader needs after
    /// a crash) without the timestamp metadata `fsync` also writes, which halves the cost per line.
    func syncData() throws(POSIXError) {
        #if os(Linux)
            guard fdatasync(descriptor) == 0 else { throw Self.lastError() }
        #else
            guard fsync(descriptor) == 0 else { throw Self.lastError() }
        #endif
    }

    /// Cuts the file back to `length` bytes; with `O_APPEND` the next write lands right after them.
    func truncate(to length: Int) throws(POSIXError) {
        while ftruncate(descriptor, off_t(length)) != 0 {
            guard errno == EINTR else { throw Self.lastError() }
        }
    }

    /// Forces the entries of the directory at `path` to disk: a new file's name is durable only once its
    /// directory is synced, so a power loss right after creating the journal cannot lose the file itself.
    static func syncDirectory(path: String) throws(POSIXError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw lastError() }
        defer { _ = Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw lastError() }
    }

    /// Takes an exclusive advisory lock without waiting; false when another process holds it.
    func lockExclusively() -> Bool {
        flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private static func lastError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
