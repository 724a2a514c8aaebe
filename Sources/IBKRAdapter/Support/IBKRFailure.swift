import FoundationEssentials
import HTTPCore
import TradingDomain

/// Builds the adapter's `TradingError`s. Every error that comes from an HTTP answer names the endpoint and the
/// status and keeps IBKR's own text in `brokerMessage` (a weak spot of the reference: it dropped that text).
enum IBKRFailure {
    static let loginHint =
        "log in at the Client Portal Gateway: open its address (https://localhost:5000 by default) in a browser "
        + "on the gateway machine, sign in with 2FA, then retry"

    /// An HTTP error status from IBKR, mapped to the code a caller can act on.
    static func http(_ response: HTTPResponse, endpoint: String) -> TradingError {
        let text = CPAPIJSON.errorText(in: response.body)
        let status = response.status
        let said = text.map { ": \($0)" } ?? ""
        switch status {
        case 401:
            return TradingError(
                .sessionNotAuthenticated,
                "\(endpoint) answered HTTP 401: the gateway is running but no brokerage session is logged in",
                hint: loginHint, brokerMessage: text)
        case 404 where text == "Access Denied":
            return TradingError(
                .brokerUnavailable, "\(endpoint) answered HTTP 404 Access Denied: the gateway refuses this address",
                hint: "add this machine's IP to `ips.allow` in the gateway's root/conf.yaml and restart it",
                brokerMessage: text)
        case 429:
            return TradingError(
                .rateLimited, "\(endpoint) answered HTTP 429: IBKR is pacing this client",
                hint: "wait; IBKR's penalty box lasts 10–15 minutes", brokerMessage: text)
        case 500:
            return TradingError(
                .brokerRejected, "\(endpoint) answered HTTP 500\(said)",
                hint: "IBKR refused the request (a malformed request or wrong account, or its nightly reset around "
                    + "01:00 New York time); read its message",
                brokerMessage: text)
        case 502, 503, 504:
            return TradingError(
                .brokerUnavailable, "\(endpoint) answered HTTP \(status)\(said)",
                hint: "IBKR's backend is busy or restarting (the nightly reset is around 01:00 New York time); "
                    + "retry in a minute",
                brokerMessage: text)
        default:
            return TradingError(
                .brokerRejected, "\(endpoint) answered HTTP \(status)\(said)",
                hint: "read IBKR's message; the request was refused and nothing changed", brokerMessage: text)
        }
    }

    /// A body that could not be understood.
    static func unexpected(endpoint: String, status: Int, body: String) -> TradingError {
        let excerpt = body.count > 300 ? String(body.prefix(300)) + "…" : body
        return TradingError(
            .unexpectedResponse, "\(endpoint) answered HTTP \(status) with a body Valet could not read",
            hint: "check the gateway version; the raw answer is in brokerMessage", brokerMessage: excerpt)
    }

    /// No answer at all. For a request that may have changed something (an order), a timeout or a dropped
    /// connection leaves the outcome unknown; a refused connection means nothing was sent.
    static func transport(_ error: TransportError, endpoint: String, idempotent: Bool) -> TradingError {
        // The transport's sentence is embedded in ours: without its full stop.
        let what = error.message.hasSuffix(".") ? String(error.message.dropLast()) : error.message
        switch error.code {
        case .timedOut, .network, .cancelled:
            if !idempotent {
                return TradingError(
                    .outcomeUnknown,
                    "\(endpoint) got no answer (\(what)); the order may or may not have reached IBKR",
                    hint: "do not resend: check open orders and executions first")
            }
            return TradingError(
                .brokerUnavailable, "\(endpoint) got no answer: \(what)", hint: error.hint)
        case .replayUnmatched:
            // Not the gateway being down: the replayed run asked for something other than what was recorded.
            return TradingError(
                .replayDeviation, "\(endpoint) deviated from the replayed cassette: \(what)", hint: error.hint)
        case .connectionRefused, .hostNotFound, .tlsFailure, .invalidRequest, .cassette, .transportUnavailable:
            return TradingError(
                .brokerUnavailable, "\(endpoint) could not reach the gateway: \(what)", hint: error.hint)
        }
    }
}
