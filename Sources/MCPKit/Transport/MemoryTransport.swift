import FoundationEssentials
import Synchronization

/// An in-process transport for tests and scenario runs: the caller pushes client lines and reads the server's.
public final class MemoryTransport: LineTransport {
    public let incoming: AsyncStream<IncomingLine>
    /// Everything the server wrote, one element per line, in order.
    public let outgoing: AsyncStream<Data>
    private let input: AsyncStream<IncomingLine>.Continuation
    private let output: AsyncStream<Data>.Continuation
    private let splitter: Mutex<LineSplitter>

    public init(maximumLineBytes: Int = 4 * 1024 * 1024) {
        (incoming, input) = AsyncStream.makeStream(of: IncomingLine.self, bufferingPolicy: .unbounded)
        (outgoing, output) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
        splitter = Mutex(LineSplitter(maximumLineBytes: maximumLineBytes))
    }

    /// Sends raw client bytes, split into lines exactly as the stdio transport would split them.
    public func receive(bytes: Data) {
        let lines = splitter.withLock { $0.feed(bytes) }
        for line in lines { input.yield(line) }
    }

    /// Sends one client line (a newline is added).
    public func receive(_ text: String) {
        receive(bytes: Data((text + "\n").utf8))
    }

    /// Ends the client's input, as EOF on stdin.
    public func closeInput() {
        if let last = splitter.withLock({ $0.finish() }) { input.yield(last) }
        input.finish()
    }

    /// Ends the server's output stream (called by the server when it stops).
    public func closeOutput() {
        output.finish()
    }

    public func send(_ line: Data) async {
        output.yield(line)
    }
}
