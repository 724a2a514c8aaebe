import HTTPCore
import Synchronization

/// Wraps a transport and holds each request back until IBKR's pacing allows it, waiting on an injected clock
/// (the system clock live, a virtual one in tests and rehearsals).
public final class PacedTransport<C: Clock>: HTTPTransport where C.Duration == Duration {
    private let base: any HTTPTransport
    private let clock: C
    private let origin: C.Instant
    private let pacer: Mutex<Pacer>

    public init(wrapping base: any HTTPTransport, clock: C, pacer: Pacer = Pacer()) {
        self.base = base
        self.clock = clock
        self.origin = clock.now
        self.pacer = Mutex(pacer)
    }

    /// Waits for the request's slot, then sends it.
    /// - Throws: what the wrapped transport throws, or `CancellationError` when cancelled while waiting.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let now = origin.duration(to: clock.now)
        let wait = pacer.withLock { $0.reserve(method: request.method, path: request.path, at: now) }
        if wait > .zero {
            try await clock.sleep(until: origin.advanced(by: now + wait), tolerance: nil)
        }
        return try await base.send(request)
    }
}
