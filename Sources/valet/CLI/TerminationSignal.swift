import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Ends a long-running command on SIGTERM the way a supervisor expects: one line on stderr saying why it stopped,
/// its scratch files removed, and exit status 143 (128 + SIGTERM, what a shell reports for a process the signal
/// ended) instead of dying silently with scratch folders left behind.
enum TerminationSignal {
    /// The conventional status of a process ended by SIGTERM.
    static let status: Int32 = 128 + SIGTERM

    /// Handles SIGTERM for the rest of the process: writes `valet COMMAND: stopped by SIGTERM`, runs `cleanup`,
    /// and exits with `status`.
    static func install(command: String, io: ConsoleIO, cleanup: @escaping @Sendable () -> Void = {}) {
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: DispatchQueue(label: "valet.sigterm"))
        source.setEventHandler {
            io.err("valet \(command): stopped by SIGTERM")
            cleanup()
            exit(status)
        }
        source.resume()
        Retainer.keep(source)
    }

    /// Keeps the signal source alive for the life of the process.
    private enum Retainer {
        nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
        static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
    }
}
