import FoundationEssentials
import TradingDomain

/// One live real-money order waiting for (or holding) a person's approval, as `valet confirm` shows it: the exact
/// resolved order (account, tool, side, quantity or cash, type, every price, time in force, the order it
/// modifies) and its estimated cost. An approval is bound to all of these, is used at most once and expires.
public struct OrderApproval: Sendable, Hashable, Codable {
    /// The short reference the agent passes on to the person (`valet confirm A7K2QX`). Knowing it approves nothing.
    public var reference: String
    public var request: ApprovalRequest
    public var requestedAt: Date
    /// After this a pending request can no longer be approved.
    public var requestExpiresAt: Date
    public var approvedAt: Date?
    /// After this an approval no longer lets the order through.
    public var approvalExpiresAt: Date?
    public var declinedAt: Date?
    /// When the order it approved was let through; an approval is used once.
    public var usedAt: Date?

    /// Where an approval stands at `now`.
    public enum State: String, Sendable, Hashable {
        case pending, approved, declined, used, expired
    }

    public func state(at now: Date) -> State {
        if usedAt != nil { return .used }
        if declinedAt != nil { return .declined }
        if let approvalExpiresAt { return now < approvalExpiresAt ? .approved : .expired }
        return now < requestExpiresAt ? .pending : .expired
    }

    enum CodingKeys: String, CodingKey {
        case reference, request
        case requestedAt = "requested_at"
        case requestExpiresAt = "request_expires_at"
        case approvedAt = "approved_at"
        case approvalExpiresAt = "approval_expires_at"
        case declinedAt = "declined_at"
        case usedAt = "used_at"
    }

    public init(reference: String, request: ApprovalRequest, requestedAt: Date, requestExpiresAt: Date) {
        self.reference = reference
        self.request = request
        self.requestedAt = requestedAt
        self.requestExpiresAt = requestExpiresAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reference = try container.decode(String.self, forKey: .reference)
        request = try container.decode(ApprovalRequest.self, forKey: .request)
        requestedAt = try JournalTime.date(container.decode(String.self, forKey: .requestedAt))
        requestExpiresAt = try JournalTime.date(container.decode(String.self, forKey: .requestExpiresAt))
        approvedAt = try container.decodeIfPresent(String.self, forKey: .approvedAt).map(JournalTime.date)
        approvalExpiresAt = try container.decodeIfPresent(String.self, forKey: .approvalExpiresAt).map(
            JournalTime.date)
        declinedAt = try container.decodeIfPresent(String.self, forKey: .declinedAt).map(JournalTime.date)
        usedAt = try container.decodeIfPresent(String.self, forKey: .usedAt).map(JournalTime.date)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(request, forKey: .request)
        try container.encode(JournalTime.text(requestedAt), forKey: .requestedAt)
        try container.encode(JournalTime.text(requestExpiresAt), forKey: .requestExpiresAt)
        try container.encodeIfPresent(approvedAt.map(JournalTime.text), forKey: .approvedAt)
        try container.encodeIfPresent(approvalExpiresAt.map(JournalTime.text), forKey: .approvalExpiresAt)
        try container.encodeIfPresent(declinedAt.map(JournalTime.text), forKey: .declinedAt)
        try container.encodeIfPresent(usedAt.map(JournalTime.text), forKey: .usedAt)
    }
}

/// The exact order a person is asked to approve. Two requests match only when every field but the estimated cost
/// is equal; the cost may not have risen by more than `ApprovalStore.costTolerance` since the person saw it.
public struct ApprovalRequest: Sendable, Hashable, Codable {
    /// The tool that will place it (`buy`, `close_position`, `modify_order`, …).
    public var tool: String
    public var account: String
    public var order: OrderFingerprint
    public var timeInForce: TimeInForce?
    /// For `modify_order`: the broker's id of the order being changed.
    public var modifies: String?
    /// What the guards value it at (a BUY's worst cost, a SELL's proceeds), when known.
    public var estimatedCost: Decimal?
    /// The order in words, for the person.
    public var summary: String

    public init(
        tool: String, account: String, order: OrderFingerprint, timeInForce: TimeInForce?, modifies: String? = nil,
        estimatedCost: Decimal?, summary: String
    ) {
        self.tool = tool
        self.account = account
        self.order = order
        self.timeInForce = timeInForce
        self.modifies = modifies
        self.estimatedCost = estimatedCost
        self.summary = summary
    }

    /// Whether an approval given for `self` covers `other`: the same order in every field, at no more than the
    /// tolerated rise in cost.
    public func covers(_ other: ApprovalRequest, tolerance: Decimal) -> Bool {
        guard isSameOrder(as: other) else { return false }
        guard let approved = estimatedCost, let now = other.estimatedCost else {
            return estimatedCost == other.estimatedCost
        }
        return now <= approved * (1 + tolerance)
    }

    /// The same order in every field but the estimated cost (which moves with the market).
    public func isSameOrder(as other: ApprovalRequest) -> Bool {
        tool == other.tool && account == other.account && order == other.order && timeInForce == other.timeInForce
            && modifies == other.modifies
    }

    enum CodingKeys: String, CodingKey {
        case tool, account, order
        case timeInForce = "time_in_force"
        case modifies
        case estimatedCost = "estimated_cost"
        case summary
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tool = try container.decode(String.self, forKey: .tool)
        account = try container.decode(String.self, forKey: .account)
        order = try container.decode(OrderFingerprint.self, forKey: .order)
        timeInForce = try container.decodeIfPresent(TimeInForce.self, forKey: .timeInForce)
        modifies = try container.decodeIfPresent(String.self, forKey: .modifies)
        estimatedCost = try container.decodeDecimal(forKey: .estimatedCost)
        summary = try container.decode(String.self, forKey: .summary)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tool, forKey: .tool)
        try container.encode(account, forKey: .account)
        try container.encode(order, forKey: .order)
        try container.encodeIfPresent(timeInForce, forKey: .timeInForce)
        try container.encodeIfPresent(modifies, forKey: .modifies)
        try container.encodeDecimal(estimatedCost, forKey: .estimatedCost)
        try container.encode(summary, forKey: .summary)
    }
}
