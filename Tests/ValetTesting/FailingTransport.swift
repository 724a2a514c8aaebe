import HTTPCore

/// A transport that never answers: every request fails as if no gateway listened.
public struct FailingTransport: HTTPTransport {
    public let error: TransportError

    public init(
        _ error: TransportError = TransportError(
            code: .connectionRefused, message: "nothing listens at the gateway address.", hint: "start the gateway")
    ) {
        self.error = error
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw error
    }
}
