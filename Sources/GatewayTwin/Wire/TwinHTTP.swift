import FoundationEssentials
import HTTPCore

/// Builds the twin's HTTP answers in the gateway's shapes.
enum TwinHTTP {
    static func json(_ value: TwinJSON, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: value.data)
    }

    /// `{"error": message}` plus `"statusCode"` when IBKR includes it.
    static func error(_ message: String, status: Int, withStatusCode: Bool = false) -> HTTPResponse {
        var body: [String: TwinJSON] = ["error": .string(message)]
        if withStatusCode { body["statusCode"] = .int(status) }
        return json(.object(body), status: status)
    }

    static func text(_ text: String, status: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: Data(text.utf8))
    }

    static let notFound = text("Not Found", status: 404)
    static let noBridge = error("Bad Request: no bridge", status: 400, withStatusCode: true)
    static let notPrimed = error("Please query /accounts first", status: 500)
    /// `/portfolio/{acct}/*` before `/portfolio/accounts` (cpapi.md §3.3 names the rule; the body is assumed).
    static let portfolioNotPrimed = error("Please query /portfolio/accounts first", status: 500)
    static let unauthorized = error("no session", status: 401)
    static let unavailable = error(
        "Details currently unavailable. Please try again later and contact client services if the issue persists.",
        status: 503, withStatusCode: true)
}

/// What one request came to: an answer, or silence (a timeout fault).
public enum TwinOutcome: Sendable, Equatable {
    case response(HTTPResponse)
    /// The request got no answer in time.
    case timeout
    /// The gateway process is down: the connection is refused.
    case unreachable
}
