import FoundationEssentials

/// Why a transport produced no response: a code to branch on, what happened, and what to do about it.
///
/// Every transport (URLSession, replay, recording) throws this one type, so callers above `HTTPTransport`
/// handle failures the same way in live, twin and replay mode.
public struct TransportError: ActionableError, Sendable, Equatable {
    /// The kinds of failure a caller may want to tell apart.
    public enum Code: String, Sendable, Equatable, Codable {
        /// Nothing listens at the URL (the gateway is not running, or not yet).
        case connectionRefused
        /// The host name did not resolve.
        case hostNotFound
        /// No complete answer within the configured timeout.
        case timedOut
        /// The TLS handshake failed (typically the gateway's self-signed certificate on Linux).
        case tlsFailure
        /// The request could not be turned into a URL.
        case invalidRequest
        /// The caller's task was cancelled.
        case cancelled
        /// Any other network failure (connection reset, lost, …).
        case network
        /// A replayed request matched no recorded exchange.
        case replayUnmatched
        /// A cassette could not be read, decoded or written.
        case cassette
        /// The live transport's library (ValetURLSession) is missing or incompatible.
        case transportUnavailable
    }

    public var code: Code
    /// What failed and why, in a sentence a person can act on.
    public var message: String
    /// What to do next.
    public var hint: String

    public init(code: Code, message: String, hint: String) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message) Fix: \(hint)" }
}
