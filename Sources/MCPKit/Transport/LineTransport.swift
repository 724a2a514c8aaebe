import FoundationEssentials

/// What arrives from the client: a complete line, or notice that a line was too long and was dropped.
public enum IncomingLine: Sendable, Equatable {
    case line(Data)
    case tooLong(byteCount: Int)
}

/// A newline-delimited message channel. The server reads `incoming` until it finishes (EOF) and writes
/// whole lines through `send`; implementations must keep each line's bytes together.
public protocol LineTransport: Sendable {
    var incoming: AsyncStream<IncomingLine> { get }
    /// Writes one message followed by a newline. Errors (a closed pipe) are swallowed: nobody is listening.
    func send(_ line: Data) async
}
