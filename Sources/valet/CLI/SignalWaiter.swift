import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Suspends until SIGINT or SIGTERM arrives, so a long-running command can stop cleanly.
enum SignalWaiter {
    static func waitForTermination() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = DispatchQueue(label: "valet.signals")
            let fired = Fired()
            var sources: [any DispatchSourceSignal] = []
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    guard fired.first() else { return }
                    for source in sources { source.cancel() }
                    continuation.resume()
                }
                source.resume()
                sources.append(source)
            }
            Retainer.keep(sources)
        }
    }

    /// Lets exactly one signal resume the waiter.
    private final class Fired: @unchecked Sendable {
        // Only touched on the serial signal queue, so no lock is needed.
        private var done = false
        func first() -> Bool {
            defer { done = true }
            return !done
        }
    }

    /// Keeps the signal sources alive for the life of the process.
    private enum Retainer {
        nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
        static func keep(_ new: [any DispatchSourceSignal]) { sources += new }
    }
}
