/// One of IBKR's published pacing limits (cpapi.md §8.1), matched by method and path below the API root.
public struct PacingRule: Sendable, Equatable {
    /// For messages and logs, e.g. `snapshot`.
    public var name: String
    /// The HTTP method the limit applies to; nil for any.
    public var method: String?
    /// The exact path below the API root (`/iserver/account/orders`); nil for every request (a global limit).
    public var path: String?
    /// The sliding window enforcing the limit.
    public var window: RateWindow

    public init(name: String, method: String? = nil, path: String?, rate: Int, per: Duration) {
        self.name = name
        self.method = method
        self.path = path
        self.window = RateWindow(rate: rate, per: per)
    }

    /// Whether this rule governs a request.
    public func applies(method: String, path: String) -> Bool {
        if let own = self.method, own != method.uppercased() { return false }
        guard let own = self.path else { return true }
        return own == path
    }

    /// The CP Gateway limit for every request: 10 per second.
    public static let global = PacingRule(name: "global", path: nil, rate: 10, per: .seconds(1))

    /// IBKR's per-endpoint limits that an adapter can trip.
    public static let ibkrEndpoints: [PacingRule] = [
        PacingRule(name: "snapshot", method: "GET", path: "/iserver/marketdata/snapshot", rate: 10, per: .seconds(1)),
        PacingRule(name: "live orders", method: "GET", path: "/iserver/account/orders", rate: 1, per: .seconds(5)),
        PacingRule(name: "trades", method: "GET", path: "/iserver/account/trades", rate: 1, per: .seconds(5)),
        PacingRule(name: "tickle", path: "/tickle", rate: 1, per: .seconds(1)),
        PacingRule(name: "portfolio accounts", method: "GET", path: "/portfolio/accounts", rate: 1, per: .seconds(5)),
        PacingRule(
            name: "portfolio subaccounts", method: "GET", path: "/portfolio/subaccounts", rate: 1, per: .seconds(5)),
        PacingRule(
            name: "partitioned pnl", method: "GET", path: "/iserver/account/pnl/partitioned", rate: 1,
            per: .seconds(5)),
        PacingRule(name: "sso validate", method: "GET", path: "/sso/validate", rate: 1, per: .seconds(60)),
    ]
}
