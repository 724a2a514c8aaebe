import FoundationEssentials

extension Cassette {
    /// One request and the response it got.
    public struct Exchange: Codable, Sendable, Equatable {
        public var method: String
        /// The request path as sent below the API root (account ids already redacted).
        public var path: String
        public var query: [QueryItem]
        public var requestBody: Body?
        public var status: Int
        /// Selected response headers only (`Content-Type`): cookies and tokens are never written.
        public var headers: [String: String]
        public var responseBody: Body? {
            didSet { compactResponseBody = nil }
        }
        /// How long the live answer took, for information only; replay does not wait.
        public var elapsedMs: Int?
        /// The response body as compact JSON, when the cassette reader had it at hand (the file's own text with its
        /// white space removed, see `CassetteReader`): replay sends it instead of serialising `responseBody`
        /// again, about a tenth of `valet bench replay`. Not part of the cassette: never encoded or compared, and
        /// forgotten when `responseBody` changes.
        var compactResponseBody: Data?

        private enum CodingKeys: String, CodingKey {
            case method, path, query, requestBody, status, headers, responseBody, elapsedMs
        }

        public static func == (lhs: Exchange, rhs: Exchange) -> Bool {
            lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query
                && lhs.requestBody == rhs.requestBody && lhs.status == rhs.status && lhs.headers == rhs.headers
                && lhs.responseBody == rhs.responseBody && lhs.elapsedMs == rhs.elapsedMs
        }

        public init(
            method: String, path: String, query: [QueryItem] = [], requestBody: Body? = nil, status: Int,
            headers: [String: String] = [:], responseBody: Body? = nil, elapsedMs: Int? = nil
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.requestBody = requestBody
            self.status = status
            self.headers = headers
            self.responseBody = responseBody
            self.elapsedMs = elapsedMs
        }

        /// `METHOD /path?query` for messages.
        public var summary: String {
            let items = query.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }
            return "\(method) \(path)" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
        }

        /// The recorded response, with the body serialised back to bytes.
        public func response() -> HTTPResponse {
            HTTPResponse(status: status, headers: headers, body: compactResponseBody ?? responseBody?.data() ?? Data())
        }
    }

    /// A query item; `value` is absent for a bare name (`?flag`).
    public struct QueryItem: Codable, Sendable, Equatable, Hashable, Comparable {
        public var name: String
        public var value: String?

        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }

        public init(_ item: URLQueryItem) {
            self.init(name: item.name, value: item.value)
        }

        public var urlQueryItem: URLQueryItem { URLQueryItem(name: name, value: value) }

        public static func < (lhs: QueryItem, rhs: QueryItem) -> Bool {
            (lhs.name, lhs.value ?? "") < (rhs.name, rhs.value ?? "")
        }
    }

    /// A body: kept as JSON when it parses as JSON (so it reads well and compares by meaning), else as text.
    public enum Body: Codable, Sendable, Equatable {
        case json(JSON)
        case text(String)

        private enum CodingKeys: String, CodingKey {
            case json
            case text
        }

        /// Classifies raw bytes; nil for an empty body.
        public init?(data: Data) {
            guard !data.isEmpty else { return nil }
            if let value = try? CassetteReader.json(from: data) {
                self = .json(value)
            } else {
                self = .text(String(decoding: data, as: UTF8.self))
            }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.json) {
                self = .json(try container.decode(JSON.self, forKey: .json))
            } else if container.contains(.text) {
                self = .text(try container.decode(String.self, forKey: .text))
            } else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "a body needs a `json` or a `text` key"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .json(let value): try container.encode(value, forKey: .json)
            case .text(let text): try container.encode(text, forKey: .text)
            }
        }

        /// The bytes to send: compact JSON with sorted keys, or the UTF-8 text.
        public func data() -> Data {
            switch self {
            case .json(let value): value.compactData()
            case .text(let text): Data(text.utf8)
            }
        }
    }
}
