import FoundationEssentials

/// One HTTP response: status, headers and the raw body bytes.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.key.lowercased() == wanted }?.value
    }

    /// The body as UTF-8 text (invalid bytes repaired), for messages and logs.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
