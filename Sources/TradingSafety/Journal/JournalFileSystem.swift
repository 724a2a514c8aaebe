import FoundationEssentials

/// How the journal reaches the file system: opening its file, and making a new file's directory entry durable.
struct JournalFileSystem {
    var open: (_ path: String) throws(POSIXError) -> any JournalStorage
    /// Forces a directory's entries to disk, so a newly created journal file survives a power loss.
    var syncDirectory: (_ path: String) throws(POSIXError) -> Void

    static var posix: JournalFileSystem {
        JournalFileSystem(
            open: { path throws(POSIXError) in try AppendOnlyFile(path: path) },
            syncDirectory: { path throws(POSIXError) in try AppendOnlyFile.syncDirectory(path: path) })
    }
}
