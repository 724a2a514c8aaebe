import FoundationEssentials

/// What goes wrong, and where: a list of rules checked in order for every request.
public struct FaultPlan: Sendable {
    /// The rules, first match wins.
    public var rules: [FaultRule]

    public init(rules: [FaultRule] = []) {
        self.rules = rules
    }
}

/// One fault and the requests it applies to.
public struct FaultRule: Sendable {
    /// HTTP method to match (nil: any).
    public var method: String?
    /// Path prefix below `/v1/api` to match, e.g. `/iserver/account/` (empty: every path).
    public var pathPrefix: String
    /// What happens.
    public var fault: TwinFault
    /// Chance that a matching request is hit, drawn from the twin's seeded fault generator.
    public var probability: Double
    /// Matching requests to let through before the rule can fire.
    public var skipFirst: Int
    /// How many times the rule fires at most (nil: unlimited).
    public var limit: Int?

    public init(
        method: String? = nil, pathPrefix: String = "", fault: TwinFault, probability: Double = 1,
        skipFirst: Int = 0, limit: Int? = nil
    ) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.fault = fault
        self.probability = probability
        self.skipFirst = skipFirst
        self.limit = limit
    }
}

/// The faults the twin can inject.
public enum TwinFault: Sendable, Hashable {
    /// The request is processed (an order lands) but the answer is HTTP 503.
    case serviceUnavailableAfterProcessing
    /// HTTP 503 "Details currently unavailable" without processing (cpapi.md §8.2 [IBKR-DOC] body): nothing
    /// lands, as around the nightly reset (§2.2).
    case serviceUnavailable
    /// HTTP 500 without processing.
    case internalServerError
    /// HTTP 429 and a penalty box: every request answers 429 for this many seconds.
    case rateLimited(penaltySeconds: TimeInterval)
    /// The simulated clock moves forward this many seconds before the request is handled.
    case latency(seconds: TimeInterval)
    /// No answer at all: the in-process transport throws, the loopback `handle` answers 504.
    case timeout
    /// Another login takes the brokerage session: status turns `competing`, then drops.
    case competingSession
    /// The brokerage session expires early, before the request is handled.
    case sessionExpiry
    /// Orders this request submits are acknowledged, then go `Inactive` (IBKR's ambiguous dead state).
    case orderInactive
    /// The request is processed (an order lands) but no answer comes back, and the orders it created stay out of
    /// the live-orders list, order status and trades for this many seconds: IBKR's views lag a placement
    /// (cpapi.md §9.7: the first live-orders call after a change can be empty; ADR-012 of the Python reference:
    /// the gateway answered 503 after the order landed).
    case answerLostOrderHidden(seconds: TimeInterval)
}
