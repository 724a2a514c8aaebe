import FoundationEssentials

/// A failure a person or an agent can act on: what failed (`message`), what to do next (`hint`), and the broker's
/// own words when the broker said something (`brokerMessage`, never dropped).
public struct TradingError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of failure. Callers branch on the code, never on the message text.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// A request broke a construction rule; `field` names the field.
        case invalidRequest = "invalid_request"
        /// The broker's account identity (paper/live, selected account) could not be confirmed.
        case accountUnverified = "account_unverified"
        /// The broker is logged into another account than the configured one.
        case accountMismatch = "account_mismatch"
        /// A live (real-money) account while live trading is not armed.
        case liveTradingBlocked = "live_trading_blocked"
        /// The symbol is on the deny-list.
        case symbolDenied = "symbol_denied"
        /// An allow-list is set and the symbol is not on it.
        case symbolNotAllowed = "symbol_not_allowed"
        /// Outside regular trading hours, and the order is not a protective GTC exit.
        case marketClosed = "market_closed"
        /// A sell larger than the long position while shorting is not allowed.
        case wouldOpenShort = "would_open_short"
        /// The position or the working orders could not be read, so a sell cannot be shown not to cross zero.
        case exposureUnknown = "exposure_unknown"
        /// A stop trigger on the wrong side of the market (it would fire at once).
        case stopOnWrongSide = "stop_on_wrong_side"
        /// A bracket exit is on the wrong side of the expected entry fill.
        case bracketExitInvalid = "bracket_exit_invalid"
        /// No usable price to value the order, so the value limits cannot be checked.
        case noUsablePrice = "no_usable_price"
        /// The order's value exceeds the per-order cap.
        case orderValueCapExceeded = "order_value_cap_exceeded"
        /// Today's buys plus this order exceed the daily cap.
        case dailyCapExceeded = "daily_cap_exceeded"
        /// The same order was sent moments ago.
        case duplicateOrder = "duplicate_order"
        /// An identical earlier order has an unknown outcome and must be reconciled first.
        case unresolvedDispatch = "unresolved_dispatch"
        /// The position differs from the one a person approved closing; nothing was sent.
        case positionChanged = "position_changed"
        /// The trade journal could not be written, so nothing was sent.
        case journalUnavailable = "journal_unavailable"
        /// The broker session is not logged in.
        case sessionNotAuthenticated = "session_not_authenticated"
        /// The broker could not be reached before anything was sent.
        case brokerUnavailable = "broker_unavailable"
        /// A replayed run asked for a request the cassette did not record at that point (nothing was sent: a
        /// replay has no gateway). The run's behaviour changed since the recording, or the cassette is stale.
        case replayDeviation = "replay_deviation"
        /// The broker refused the request (nothing was placed).
        case brokerRejected = "broker_rejected"
        /// The broker asked a confirmation question that is not on the allow-list; the order was declined.
        case warningNotApproved = "warning_not_approved"
        /// The symbol did not resolve to a tradable contract.
        case contractNotFound = "contract_not_found"
        /// The broker does not know the order id.
        case orderNotFound = "order_not_found"
        /// The request may or may not have reached the broker (timeout, 503 without a successful lookup).
        case outcomeUnknown = "outcome_unknown"
        /// The broker answered something that could not be understood.
        case unexpectedResponse = "unexpected_response"
        /// No market data for the instrument.
        case marketDataUnavailable = "market_data_unavailable"
        /// The broker is pacing requests.
        case rateLimited = "rate_limited"
        /// A bug or broken invariant in Valet itself.
        case internalFailure = "internal_failure"
    }

    public let code: Code
    public let message: String
    public let hint: String?
    /// The broker's own error text, kept verbatim.
    public let brokerMessage: String?
    /// For `.invalidRequest`: the field whose rule was broken (Swift spelling, e.g. `cashAmount`).
    public let field: String?

    public init(
        _ code: Code, _ message: String, hint: String? = nil, brokerMessage: String? = nil, field: String? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.brokerMessage = brokerMessage
        self.field = field
    }

    /// A construction-rule violation naming the field and the rule.
    public static func invalid(_ field: String, _ rule: String, hint: String? = nil) -> TradingError {
        TradingError(.invalidRequest, "\(field): \(rule)", hint: hint, field: field)
    }

    /// True when an order might have been placed although the call failed; such an outcome is journaled as
    /// unknown and blocks a resend until it is reconciled. Every other code means nothing was placed.
    public var mayHaveReachedBroker: Bool {
        code == .outcomeUnknown || code == .unexpectedResponse
    }

    enum CodingKeys: String, CodingKey {
        case code, message, hint
        case brokerMessage = "broker_message"
        case field
    }

    public var description: String {
        var text = "[\(code.rawValue)] \(message)"
        if let brokerMessage { text += " (broker said: \(brokerMessage))" }
        if let hint { text += " — \(hint)" }
        return text
    }
}
