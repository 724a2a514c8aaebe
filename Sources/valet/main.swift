import Dispatch
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes `text` and a newline to `descriptor`, retrying short and interrupted writes.
func writeLine(_ text: String, to descriptor: Int32) {
    let bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
    }
}

let console = ConsoleIO(out: { writeLine($0, to: STDOUT_FILENO) }, err: { writeLine($0, to: STDERR_FILENO) })
// The command runs off the main thread, which only waits. Nothing in Valet needs the main actor, and that matters:
// loading the URLSession library (a real gateway) brings CoreFoundation, which hands the main dispatch queue to a
// run loop nobody runs, so a top-level `await` could never resume on the main actor and the process would hang.
let finished = DispatchSemaphore(value: 0)
let exitCode = Mutex<Int32>(0)
Task.detached {
    let code = await ValetCLI.run(CommandLine.arguments, io: console)
    exitCode.withLock { $0 = code }
    finished.signal()
}
finished.wait()
exit(exitCode.withLock { $0 })
