import FoundationEssentials
import HTTPCore

/// One request and its answer, as the twin's trace records it.
struct TwinTraceLine: Encodable {
    let at: Date
    let method: String
    let path: String
    let query: [String]
    let requestBody: String?
    let status: Int?
    let responseBody: String?
    /// `timeout` or `unreachable` when no answer came.
    let failure: String?

    init(at: Date, request: HTTPRequest, outcome: TwinOutcome) {
        self.at = at
        method = request.method
        path = request.path
        query = request.query.map { "\($0.name)=\($0.value ?? "")" }
        requestBody = request.body.map { String(decoding: $0, as: UTF8.self) }
        switch outcome {
        case .response(let response):
            status = response.status
            responseBody = response.text
            failure = nil
        case .timeout:
            status = nil
            responseBody = nil
            failure = "timeout"
        case .unreachable:
            status = nil
            responseBody = nil
            failure = "unreachable"
        }
    }
}
