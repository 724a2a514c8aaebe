import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live transport: sends requests to the real Client Portal Gateway (or anything else) over URLSession.
///
/// Ephemeral session (cookies in memory only, no cache), keep-alive, a whole-second timeout (Linux
/// truncates fractions), `Content-Length` on every request that carries or may carry a body (the gateway
/// answers 411 without it), and failures turned into `TransportError`s that say how to fix them.
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
    private let session: URLSession

    public init(configuration: Configuration) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        let timeout = TimeInterval(max(1, configuration.timeoutSeconds))
        sessionConfiguration.timeoutIntervalForRequest = timeout
        sessionConfiguration.timeoutIntervalForResource = timeout
        sessionConfiguration.urlCache = nil
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.httpMaximumConnectionsPerHost = max(1, configuration.maxConnectionsPerHost)
        sessionConfiguration.httpShouldSetCookies = true
        #if os(macOS)
            session = URLSession(
                configuration: sessionConfiguration, delegate: LoopbackTrustDelegate(), delegateQueue: nil)
        #else
            session = URLSession(configuration: sessionConfiguration)
        #endif
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends `request` below the base URL. HTTP error statuses are returned, never thrown.
    /// - Throws: `TransportError` when no response arrived.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let urlRequest = try makeURLRequest(request)
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            throw Self.transportError(
                for: error, url: urlRequest.url ?? configuration.baseURL, configuration: configuration)
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(
                code: .network, message: "the answer from \(urlRequest.url?.absoluteString ?? "") was not HTTP.",
                hint: "check that the base URL points at the Client Portal Gateway")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    /// Builds the URLRequest for `request`: base URL + path, query items, headers, body and its length.
    func makeURLRequest(_ request: HTTPRequest) throws -> URLRequest {
        guard let url = Self.url(base: configuration.baseURL, path: request.path, query: request.query) else {
            throw TransportError(
                code: .invalidRequest,
                message:
                    "cannot build a URL from base \(configuration.baseURL.absoluteString) and path `\(request.path)`.",
                hint: "use a base URL like http://127.0.0.1:5000/v1/api and paths starting with `/`")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = TimeInterval(max(1, configuration.timeoutSeconds))
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        urlRequest.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.setValue("*/*", forHTTPHeaderField: "Accept")
        urlRequest.setValue("keep-alive", forHTTPHeaderField: "Connection")
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        let mayCarryBody = ["POST", "PUT", "PATCH", "DELETE"].contains(request.method.uppercased())
        if let body = request.body {
            urlRequest.httpBody = body
            urlRequest.setValue(String(body.count), forHTTPHeaderField: "Content-Length")
            if request.header("Content-Type") == nil {
                urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
        } else if mayCarryBody {
            // The gateway answers 411 to a POST without Content-Length, even an empty one.
            urlRequest.httpBody = Data()
            urlRequest.setValue("0", forHTTPHeaderField: "Content-Length")
        }
        return urlRequest
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
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        return components.url
    }
}
