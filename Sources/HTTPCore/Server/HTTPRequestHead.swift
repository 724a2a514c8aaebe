import FoundationEssentials

/// The parsed request line and header block of one HTTP/1.x request, before its body is read.
struct HTTPRequestHead: Sendable, Equatable {
    var method: String
    var path: String
    var query: [URLQueryItem]
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: [String: String]
    /// The declared body length; nil when the request carried no `Content-Length`.
    var contentLength: Int?
    var hasTransferEncoding: Bool
    var expectsContinue: Bool
    /// Whether the client asked to keep the connection open (HTTP/1.1 default, HTTP/1.0 opt-in).
    var keepAlive: Bool
}

/// Why a request could not be served: the status to answer with and a message for the client.
struct HTTPRequestRejection: Error, Sendable, Equatable {
    var status: Int
    var message: String
}
