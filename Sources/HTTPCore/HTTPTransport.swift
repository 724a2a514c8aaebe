/// The port every gateway sits behind: the real gateway over URLSession, the in-process twin, or a replayed
/// cassette. Everything above it is identical in every mode.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the response. Throws only when no response arrived at all
    /// (connection refused, timeout, TLS failure); an HTTP error status is a response, not a throw.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
