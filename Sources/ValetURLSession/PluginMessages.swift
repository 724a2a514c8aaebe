import Foundation

/// One request as HTTPCore's `URLSessionTransport` hands it over (JSON; HTTPCore keeps the mirror image).
struct PluginRequest: Decodable {
    var method: String
    var url: String
    var headers: [String: String]
    var body: Data?
}

/// What came back: a response, or a failure with URLSession's error code and text for HTTPCore to explain.
struct PluginReply: Encodable {
    var status: Int?
    var headers: [String: String]?
    var body: Data?
    /// `URLError.Code` raw value when the failure came from URL loading, nil otherwise.
    var failureCode: Int?
    /// Foundation's description of the failure.
    var failureText: String?
    /// The task was cancelled.
    var cancelled: Bool?
}
