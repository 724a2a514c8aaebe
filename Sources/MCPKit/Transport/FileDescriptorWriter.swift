import Dispatch
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole lines to a file descriptor in order, without ever blocking its caller: a line is written at once
/// when the descriptor can take it without waiting (nothing queued, at most `PIPE_BUF` bytes, `poll` says
/// writable), otherwise queued for a writer thread of its own. The caller may be the stdin reader answering a
/// ping: if it blocked on a full stdout while the client is still writing, both sides would wait forever. Errors end
/// the output silently (the reader has gone).
final class FileDescriptorWriter: Sendable {
    private let descriptor: Int32

    private struct State {
        var queue: [Data] = []
        var draining = false
        var broken = false
    }

    private let state = Mutex(State())
    private let drainQueue = DispatchQueue(label: "mcp-stdout")

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(_ line: Data) {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        let startDrain = state.withLock { state -> Bool in
            guard !state.broken else { return false }
            if state.queue.isEmpty && !state.draining && bytes.count <= Int(PIPE_BUF) && canWriteNow() {
                state.broken = !Self.writeAll(bytes, to: descriptor)
                return false
            }
            state.queue.append(bytes)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if startDrain { drainQueue.async { self.drain() } }
    }

    /// Writes queued lines (blocking, on the writer's own thread) until the queue is empty.
    private func drain() {
        while true {
            let batch = state.withLock { state -> [Data] in
                let batch = state.queue
                state.queue.removeAll()
                if batch.isEmpty || state.broken { state.draining = false }
                return state.broken ? [] : batch
            }
            guard !batch.isEmpty else { return }
            let written = batch.allSatisfy { Self.writeAll($0, to: descriptor) }
            if !written { state.withLock { $0.broken = true } }
        }
    }

    /// Whether a write of at most `PIPE_BUF` bytes would complete without waiting.
    private func canWriteNow() -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        return poll(&request, 1, 0) == 1 && request.revents & Int16(POLLOUT) != 0
    }

    /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes; false on an error.
    static func writeAll(_ bytes: Data, to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard var pointer = raw.baseAddress else { return true }
            var remaining = raw.count
            while remaining > 0 {
                #if canImport(Glibc)
                    let written = Glibc.write(descriptor, pointer, remaining)
                #else
                    let written = Darwin.write(descriptor, pointer, remaining)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                remaining -= written
                pointer = pointer.advanced(by: written)
            }
            return true
        }
    }
}
