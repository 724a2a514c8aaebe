import Foundation
import HTTPCore

/// A transport double that answers from a closure, for wrapping in `RecordingTransport`.
struct StubTransport: HTTPTransport {
    let answer: @Sendable (HTTPRequest) -> HTTPResponse

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        answer(request)
    }
}

extension HTTPResponse {
    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponse {
        var all = headers
        all["Content-Type"] = "application/json;charset=utf-8"
        return HTTPResponse(status: status, headers: all, body: Data(text.utf8))
    }
}
