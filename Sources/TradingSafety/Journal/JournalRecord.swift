import FoundationEssentials
import TradingDomain

/// One line of the trade journal. Lines of one order attempt share a client order id: an `intent` (written and
/// fsynced before anything is sent), then an `outcome`, then optionally a `resolution` after reconciliation.
/// Attempts that never reach the broker (guard blocks, dry runs) write a single `outcome` line. A live real-money
/// order is preceded by an `approval` line of its own.
public struct JournalRecord: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case intent
        case outcome
        case resolution
        /// A person approved a live real-money order (in a terminal with `valet confirm`, or in the client's
        /// form). Written just before the order's intent, under a client order id of its own (`approval-REF`),
        /// so an outside check can pair every live real-money intent with a person's approval.
        case approval
    }

    /// What became of an attempt.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The broker acknowledged the order.
        case sent
        /// The broker refused it; nothing was placed.
        case rejected
        /// It may or may not have been placed (timeout, 503, unreadable answer): blocks a resend until reconciled.
        case unknown
        /// It never left (failure before sending, declined warning, …); nothing was placed.
        case notSent = "not_sent"
        /// Dry run: validated, not sent.
        case dryRun = "dry_run"
        /// A guard refused it.
        case blocked
    }

    /// What was attempted.
    public enum Action: String, Sendable, Hashable, Codable {
        case place
        case bracket
        case modify
        /// `close_position`'s closing order (its repeat window looks for these only).
        case close
        /// A cancellation of the broker order `orderID` (`amends` names its client order id when known). It
        /// carries no order fingerprint, so it never counts as spending or as a duplicate.
        case cancel
    }

    public var kind: Kind
    public var timestamp: Date
    public var clientOrderID: ClientOrderID
    public var action: Action?
    public var account: String?
    public var paper: Bool?
    public var order: OrderFingerprint?
    public var timeInForce: TimeInForce?
    public var notional: Decimal?
    public var outcome: Outcome?
    public var status: OrderStatus?
    public var orderID: OrderID?
    /// For modifications and cancels: the client order id of the order being changed, when it is known.
    public var amends: ClientOrderID?
    public var filledQuantity: Decimal?
    /// True for a SELL that opens or adds to a short (`TRADING_ALLOW_SHORT`): an entry, so it counts toward the
    /// value caps like a buy. Absent otherwise.
    public var shortEntry: Bool?
    public var guardName: GuardName?
    public var errorCode: TradingError.Code?
    public var message: String?
    public var brokerMessage: String?

    public init(
        kind: Kind, timestamp: Date, clientOrderID: ClientOrderID, action: Action? = nil, account: String? = nil,
        paper: Bool? = nil, order: OrderFingerprint? = nil, timeInForce: TimeInForce? = nil, notional: Decimal? = nil,
        outcome: Outcome? = nil, status: OrderStatus? = nil, orderID: OrderID? = nil, amends: ClientOrderID? = nil,
        filledQuantity: Decimal? = nil, guardName: GuardName? = nil, errorCode: TradingError.Code? = nil,
        message: String? = nil, brokerMessage: String? = nil
    ) {
        self.kind = kind
        self.timestamp = timestamp
        self.clientOrderID = clientOrderID
        self.action = action
        self.account = account
        self.paper = paper
        self.order = order
        self.timeInForce = timeInForce
        self.notional = notional
        self.outcome = outcome
        self.status = status
        self.orderID = orderID
        self.amends = amends
        self.filledQuantity = filledQuantity
        self.guardName = guardName
        self.errorCode = errorCode
        self.message = message
        self.brokerMessage = brokerMessage
    }

    enum CodingKeys: String, CodingKey {
        case kind, timestamp
        case clientOrderID = "client_order_id"
        case action, account, paper, order
        case timeInForce = "time_in_force"
        case notional, outcome, status
        case orderID = "order_id"
        case amends
        case filledQuantity = "filled_quantity"
        case shortEntry = "short_entry"
        case guardName = "guard"
        case errorCode = "error_code"
        case message
        case brokerMessage = "broker_message"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        timestamp = try JournalTime.date(container.decode(String.self, forKey: .timestamp))
        clientOrderID = try container.decode(ClientOrderID.self, forKey: .clientOrderID)
        action = try container.decodeIfPresent(Action.self, forKey: .action)
        account = try container.decodeIfPresent(String.self, forKey: .account)
        paper = try container.decodeIfPresent(Bool.self, forKey: .paper)
        order = try container.decodeIfPresent(OrderFingerprint.self, forKey: .order)
        timeInForce = try container.decodeIfPresent(TimeInForce.self, forKey: .timeInForce)
        notional = try container.decodeDecimal(forKey: .notional)
        outcome = try container.decodeIfPresent(Outcome.self, forKey: .outcome)
        status = try container.decodeIfPresent(OrderStatus.self, forKey: .status)
        orderID = try container.decodeIfPresent(OrderID.self, forKey: .orderID)
        amends = try container.decodeIfPresent(ClientOrderID.self, forKey: .amends)
        filledQuantity = try container.decodeDecimal(forKey: .filledQuantity)
        shortEntry = try container.decodeIfPresent(Bool.self, forKey: .shortEntry)
        guardName = try container.decodeIfPresent(GuardName.self, forKey: .guardName)
        errorCode = try container.decodeIfPresent(TradingError.Code.self, forKey: .errorCode)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        brokerMessage = try container.decodeIfPresent(String.self, forKey: .brokerMessage)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(JournalTime.text(timestamp), forKey: .timestamp)
        try container.encode(clientOrderID, forKey: .clientOrderID)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(account, forKey: .account)
        try container.encodeIfPresent(paper, forKey: .paper)
        try container.encodeIfPresent(order, forKey: .order)
        try container.encodeIfPresent(timeInForce, forKey: .timeInForce)
        try container.encodeDecimal(notional, forKey: .notional)
        try container.encodeIfPresent(outcome, forKey: .outcome)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(orderID, forKey: .orderID)
        try container.encodeIfPresent(amends, forKey: .amends)
        try container.encodeDecimal(filledQuantity, forKey: .filledQuantity)
        try container.encodeIfPresent(shortEntry, forKey: .shortEntry)
        try container.encodeIfPresent(guardName, forKey: .guardName)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(brokerMessage, forKey: .brokerMessage)
    }
}
