import FoundationEssentials

/// One HTTP request as Valet's layers see it: the same value goes to the real gateway, the twin or a cassette.
public struct HTTPRequest: Sendable, Equatable, Hashable {
    public var method: String
    /// The path below the API root, starting with `/`, e.g. `/iserver/auth/status`.
    public var path: String
    /// Query items in the order they are sent.
    public var query: [URLQueryItem]
    /// Header names as sent; lookups are case-insensitive through `header(_:)`.
    public var headers: [String: String]
    public var body: Data?

    public init(
        method: String,
        path: String,
        query: [URLQueryItem] = [],
        headers: [String: String] = [:],
        body: Data? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.key.lowercased() == wanted }?.value
    }

    /// The first value of a query item.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}
