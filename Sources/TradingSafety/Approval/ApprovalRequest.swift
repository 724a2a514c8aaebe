import FoundationEssentials
import TradingDomain

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
