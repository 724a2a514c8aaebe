import FoundationEssentials

/// IBKR's pacing limits (cpapi.md §8.1): a violation answers 429 and opens a penalty box for every endpoint.
/// Off by default, because scripted runs often send many requests at one simulated instant.
public struct TwinPacing: Sendable {
    /// At most `count` requests in `window` seconds for requests matching `method` and `pathPrefix`.
    public struct Limit: Sendable, Hashable {
        public var method: String?
        public var pathPrefix: String
        public var count: Int
        public var window: TimeInterval

        public init(method: String? = nil, pathPrefix: String, count: Int, window: TimeInterval) {
            self.method = method
            self.pathPrefix = pathPrefix
            self.count = count
            self.window = window
        }
    }

    /// Per-endpoint limits, checked in order; every matching limit counts the request.
    public var limits: [Limit]
    /// How long a violation locks the caller out (IBKR: 10–15 minutes).
    public var penaltySeconds: TimeInterval

    public init(limits: [Limit] = TwinPacing.gatewayLimits, penaltySeconds: TimeInterval = 600) {
        self.limits = limits
        self.penaltySeconds = penaltySeconds
    }

    /// The CP Gateway table: 10 requests a second overall, plus the per-endpoint limits.
    public static let gatewayLimits: [Limit] = [
        Limit(pathPrefix: "", count: 10, window: 1),
        Limit(method: "GET", pathPrefix: "/iserver/marketdata/snapshot", count: 10, window: 1),
        Limit(method: "GET", pathPrefix: "/iserver/account/orders", count: 1, window: 5),
        Limit(method: "GET", pathPrefix: "/iserver/account/trades", count: 1, window: 5),
        Limit(method: "GET", pathPrefix: "/portfolio/accounts", count: 1, window: 5),
        Limit(pathPrefix: "/tickle", count: 1, window: 1),
        Limit(method: "GET", pathPrefix: "/sso/validate", count: 1, window: 60),
    ]
}
