import FoundationEssentials
import Synchronization

/// A full disk on demand, for rehearsals: once armed, journal writes fail after writing half their bytes, as a
/// write to a full disk does, so a scenario or the swarm can check that the journal stays readable and that nothing
/// is sent without its intent. Draws are deterministic (a seeded linear congruential sequence), so a run reproduces
/// from its seed. Nothing arms it outside rehearsals.
public final class JournalWriteFault: Sendable {
    private struct State {
        var skip = 0
        var remaining: Int? = 0
        var probability = 1.0
        var draw: UInt64
    }

    private let state: Mutex<State>

    public init(seed: UInt64) {
        state = Mutex(State(draw: seed | 1))
    }

    /// After `skip` writes, the next writes fail (`count` of them; nil: without end), each with `probability`.
    public func arm(skip: Int, count: Int?, probability: Double) {
        state.withLock { state in
            state.skip = skip
            state.remaining = count
            state.probability = probability
        }
    }

    /// Whether this write fails.
    func firesNow() -> Bool {
        state.withLock { state in
            if state.remaining == 0 { return false }
            if state.skip > 0 {
                state.skip -= 1
                return false
            }
            state.draw = state.draw &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            guard Double(state.draw >> 11) / Double(1 << 53) < state.probability else { return false }
            if let left = state.remaining { state.remaining = left - 1 }
            return true
        }
    }
}

/// The journal's file with `JournalWriteFault` in front of its writes.
final class FaultyJournalStorage: JournalStorage {
    private let inner: any JournalStorage
    private let fault: JournalWriteFault

    init(_ inner: any JournalStorage, fault: JournalWriteFault) {
        self.inner = inner
        self.fault = fault
    }

    func write(_ bytes: Data) throws(POSIXError) {
        guard fault.firesNow() else { return try inner.write(bytes) }
        try inner.write(bytes.prefix(bytes.count / 2))
        throw POSIXError(.ENOSPC)
    }

    func syncData() throws(POSIXError) { try inner.syncData() }
    func truncate(to length: Int) throws(POSIXError) { try inner.truncate(to: length) }
    func lockExclusively() -> Bool { inner.lockExclusively() }
    func close() { inner.close() }
}

extension JournalFileSystem {
    /// The real file system with `fault` in front of every journal write.
    static func posix(fault: JournalWriteFault) -> JournalFileSystem {
        var system = JournalFileSystem.posix
        let open = system.open
        system.open = { path throws(POSIXError) in FaultyJournalStorage(try open(path), fault: fault) }
        return system
    }
}
