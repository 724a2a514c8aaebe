import FoundationEssentials

/// The live transport: sends requests to the real Client Portal Gateway (or anything else) over URLSession.
///
/// URLSession itself lives in the `ValetURLSession` library, loaded the first time a live transport is made,
/// so a server on the twin or a replay never maps FoundationNetworking and libcurl. Ephemeral session
/// (cookies in memory only, no cache), keep-alive, a whole-second timeout, `Content-Length` on every request
/// that carries or may carry a body, and failures turned into `TransportError`s that say how to fix them.
public final class URLSessionTransport: HTTPTransport {
    /// Where and how to connect.
    public struct Configuration: Sendable {
        /// The API root every `HTTPRequest.path` is appended to, e.g. `http://127.0.0.1:5000/v1/api`.
        public var baseURL: URL
        /// Whole seconds a request may take in total; values below 1 are raised to 1.
        public var timeoutSeconds: Int
        /// Sent as `User-Agent` unless a request sets its own (IBKR asks for one).
        public var userAgent: String
        /// Parallel connections to the gateway; it serves a single user, so keep this small.
        public var maxConnectionsPerHost: Int

        public init(
            baseURL: URL,
            timeoutSeconds: Int = 15,
            userAgent: String = "Valet/1.0",
            maxConnectionsPerHost: Int = 4
        ) {
            self.baseURL = baseURL
            self.timeoutSeconds = timeoutSeconds
            self.userAgent = userAgent
            self.maxConnectionsPerHost = maxConnectionsPerHost
        }
    }

    /// The configuration this transport was made with.
    public let configuration: Configuration
    private let client: Result<URLSessionLibrary.Client, TransportError>

    /// Loads the URLSession library (once per process) and opens a client on it. A library that cannot be
    /// loaded is reported by every `send`, and by `URLSessionTransport.checkAvailable()` up front.
    public init(configuration: Configuration) {
        self.configuration = configuration
        client = URLSessionLibrary.shared.map {
            $0.open(
                timeoutSeconds: max(1, configuration.timeoutSeconds),
                maxConnectionsPerHost: max(1, configuration.maxConnectionsPerHost))
        }
    }

    /// Throws the reason the live transport cannot work on this machine (its library is missing or
    /// incompatible), so a command can stop at start instead of at its first request.
    public static func checkAvailable() throws(TransportError) {
        if case .failure(let error) = URLSessionLibrary.shared { throw error }
    }

    /// Sends `request` below the base URL. HTTP error statuses are returned, never thrown.
    /// - Throws: `TransportError` when no response arrived.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let client = try client.get()
        let outgoing = try makeRequest(request)
        let reply = await client.send(outgoing)
        if let status = reply.status {
            return HTTPResponse(status: status, headers: reply.headers ?? [:], body: reply.body ?? Data())
        }
        throw Self.transportError(for: reply, url: outgoing.url, configuration: configuration)
    }

    /// The request as the library sends it: full URL, every header (User-Agent, Accept, keep-alive, and a
    /// `Content-Length` on every request that carries or may carry a body: the gateway answers 411 without it).
    func makeRequest(_ request: HTTPRequest) throws(TransportError) -> URLSessionLibrary.Request {
        guard let url = Self.url(base: configuration.baseURL, path: request.path, query: request.query) else {
            throw TransportError(
                code: .invalidRequest,
                message:
                    "cannot build a URL from base \(configuration.baseURL.absoluteString) and path `\(request.path)`.",
                hint: "use a base URL like http://127.0.0.1:5000/v1/api and paths starting with `/`")
        }
        var headers = ["User-Agent": configuration.userAgent, "Accept": "*/*", "Connection": "keep-alive"]
        // Case-insensitive names: a request's own header replaces the default of the same name.
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            for key in headers.keys where key.lowercased() == name.lowercased() { headers[key] = nil }
            headers[name] = value
        }
        var body = request.body
        let mayCarryBody = ["POST", "PUT", "PATCH", "DELETE"].contains(request.method.uppercased())
        if body == nil && mayCarryBody {
            // The gateway answers 411 to a POST without Content-Length, even an empty one.
            body = Data()
        }
        if let body {
            headers["Content-Length"] = String(body.count)
            if request.body != nil && request.header("Content-Type") == nil {
                headers["Content-Type"] = "application/json"
            }
        }
        return URLSessionLibrary.Request(
            method: request.method, url: url.absoluteString, headers: headers, body: body)
    }

    /// Joins the base URL, a path (not yet percent-encoded) and query items. `+` in query values is encoded
    /// as `%2B`, since servers commonly read a bare `+` as a space.
    static func url(base: URL, path: String, query: [URLQueryItem]) -> URL? {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false),
            components.scheme != nil, components.host != nil
        else { return nil }
        var basePath = components.path
        while basePath.hasSuffix("/") { basePath.removeLast() }
        let suffix = path.isEmpty || path.hasPrefix("/") ? path : "/" + path
        components.path = basePath + suffix
        if query.isEmpty {
            components.query = nil
        } else {
            components.queryItems = query
            components.percentEncodedQuery = components.percentEncodedQuery?.replacing("+", with: "%2B")
        }
        return components.url
    }
}
