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
