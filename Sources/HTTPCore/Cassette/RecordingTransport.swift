import FoundationEssentials
import Synchronization

/// Wraps any transport and records every exchange into a `Cassette`, redacted by a `CassetteRedactor`.
///
/// The caller always gets the real, unredacted response; only the cassette is redacted. When a file is
/// given, the cassette is rewritten atomically after every exchange, so a crash loses at most the exchange
/// in flight. Requests that produced no response (the wrapped transport threw) are not recorded.
public final class RecordingTransport: HTTPTransport {
    private struct State {
        var cassette: Cassette
        var redactor: CassetteRedactor
    }

    private let base: any HTTPTransport
    private let fileURL: URL?
    private let state: Mutex<State>

    /// - Parameters:
    ///   - base: the transport that really answers (URLSession, the twin, …).
    ///   - fileURL: where to write the cassette after each exchange; nil keeps it in memory only.
    ///   - note: stored in the cassette's `note` (e.g. what was recorded, against what).
    ///   - redactor: the redaction rules (defaults cover IBKR account ids, tokens and user names).
    public init(
        wrapping base: any HTTPTransport, fileURL: URL? = nil, note: String? = nil,
        redactor: CassetteRedactor = CassetteRedactor()
    ) {
        self.base = base
        self.fileURL = fileURL
        self.state = Mutex(State(cassette: Cassette(note: note), redactor: redactor))
    }

    /// Sends through the wrapped transport and records the redacted exchange.
    /// - Throws: whatever the wrapped transport throws, or `TransportError` `.cassette` when the file cannot
    ///   be written (a recording that silently stops is worse than a loud failure).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let clock = ContinuousClock()
        let started = clock.now
        let response = try await base.send(request)
        let elapsed = started.duration(to: clock.now)
        let milliseconds =
            Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        try state.withLock { state in
            let exchange = state.redactor.redact(request: request, response: response, elapsedMs: milliseconds)
            state.cassette.exchanges.append(exchange)
            if let fileURL { try state.cassette.write(to: fileURL) }
        }
        return response
    }

    /// The cassette recorded so far.
    public var cassette: Cassette { state.withLock { $0.cassette } }

    /// Writes the cassette recorded so far to `url`, atomically.
    public func save(to url: URL) throws {
        try cassette.write(to: url)
    }
}
