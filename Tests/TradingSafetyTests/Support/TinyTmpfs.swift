import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A tmpfs of a few pages mounted for one test, so a real `write` meets a real full disk (ENOSPC after a short
/// write). Mounting needs root with CAP_SYS_ADMIN on Linux; `canMount` probes it once so a suite can say why it
/// is skipped elsewhere.
struct TinyTmpfs {
    let directory: URL

    /// Mounts a tmpfs of `kilobytes` on a fresh directory; nil when this process may not mount.
    static func mount(kilobytes: Int) -> TinyTmpfs? {
        #if os(Linux)
            guard let base = try? Fixtures.temporaryDirectory() else { return nil }
            let directory = base.appendingPathComponent("tmpfs", isDirectory: true)
            guard (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil,
                Glibc.mount("tmpfs", directory.path, "tmpfs", 0, "size=\(kilobytes)k") == 0
            else { return nil }
            return TinyTmpfs(directory: directory)
        #else
            return nil
        #endif
    }

    /// Whether a tmpfs can be mounted here (probed once, by mounting and unmounting one).
    static let canMount: Bool = {
        guard let probe = mount(kilobytes: 4) else { return false }
        probe.unmount()
        return true
    }()

    func unmount() {
        #if os(Linux)
            _ = umount2(directory.path, Int32(MNT_DETACH))
        #endif
    }
}
