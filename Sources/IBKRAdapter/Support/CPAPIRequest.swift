import FoundationEssentials
import HTTPCore
import TradingDomain

/// One call to the Client Portal API, with what the adapter needs to know to recover from failures safely.
struct CPAPIRequest: Sendable {
    var method: String
    var path: String
    var query: [URLQueryItem] = []
    var body: Data?
    /// True when sending it twice does no harm (reads, status, tickle); false for order placement and replies.
    var idempotent: Bool
    /// True for `/iserver/*` calls that need `/iserver/accounts` first.
    var needsPriming: Bool
    /// False for replies to questions: a retry after priming or `ssodh/init` would be pointless (the reply id
    /// dies with any other request).
    var recoverable = true
    /// True for `/portfolio/{acct}/*` calls: `/portfolio/accounts` must be called first (cpapi.md §3.3).
    var needsPortfolioPriming = false

    /// `METHOD /path`, for messages.
    var endpoint: String { "\(method) \(path)" }

    var httpRequest: HTTPRequest {
        var headers: [String: String] = [:]
        if body != nil { headers["Content-Type"] = "application/json" }
        return HTTPRequest(method: method, path: path, query: query, headers: headers, body: body)
    }

    static func get(_ path: String, query: [URLQueryItem] = [], primed: Bool = false) -> CPAPIRequest {
        CPAPIRequest(method: "GET", path: path, query: query, body: nil, idempotent: true, needsPriming: primed)
    }

    /// A POST with a JSON body (IBKR wants `{}` rather than nothing: a POST without a body can get 411).
    static func post(
        _ path: String, json: Data = Data("{}".utf8), idempotent: Bool = true, primed: Bool = false
    ) -> CPAPIRequest {
        CPAPIRequest(method: "POST", path: path, body: json, idempotent: idempotent, needsPriming: primed)
    }

    static func delete(_ path: String) -> CPAPIRequest {
        CPAPIRequest(method: "DELETE", path: path, body: nil, idempotent: false, needsPriming: true)
    }
}

/// JSON in and out of the wire, with sorted keys so requests compare byte for byte.
enum CPAPIJSON {
    static func encode<T: Encodable>(_ value: T) throws(TradingError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw TradingError(.internalFailure, "could not encode a request body: \(TradingError.describe(error))")
        }
    }

    /// Decodes a response body, or explains which endpoint answered what.
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, endpoint: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw IBKRFailure.unexpected(endpoint: endpoint, status: response.status, body: response.text)
        }
    }

    /// IBKR's own error text from a body: the `error` field of `{"error": ...}`, else the text itself.
    static func errorText(in body: Data) -> String? {
        if let object = try? JSONDecoder().decode(ErrorBody.self, from: body) {
            if let text = object.error { return text }
            if let text = object.message, !text.isEmpty { return text }
        }
        let text = String(decoding: body, as: UTF8.self).trimmed()
        guard !text.isEmpty else { return nil }
        return text.count > 600 ? String(text.prefix(600)) + "…" : text
    }

    /// The text fields of an error body; a field of another type is read as absent.
    private struct ErrorBody: Decodable {
        var error: String?
        var message: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            error = try? container.decodeIfPresent(String.self, forKey: .error)
            message = try? container.decodeIfPresent(String.self, forKey: .message)
        }

        private enum CodingKeys: String, CodingKey { case error, message }
    }
}
