/// Client-side pacing for the CP Gateway: every request passes the global window and the window of its
/// endpoint, so the adapter never earns a 429 and the penalty box that follows.
///
/// A value type driven by explicit times (durations since any origin): `reserve` says how long to wait and
/// books the slot, so concurrent callers queue in order without a lock-step loop. `IBKRBroker` applies it
/// with its injected clock.
public struct Pacer: Sendable, Equatable {
    public private(set) var rules: [PacingRule]

    /// - Parameter rules: by default IBKR's global 10/s limit plus the per-endpoint limits.
    public init(rules: [PacingRule] = [PacingRule.global] + PacingRule.ibkrEndpoints) {
        self.rules = rules
    }

    /// Books the earliest slot for a request and returns how long to wait from `now` (zero: send at once).
    /// `path` may be below the API root or carry the `/v1/api` prefix.
    public mutating func reserve(method: String, path: String, at now: Duration) -> Duration {
        let path = Self.stripRoot(path)
        let governing = rules.indices.filter { rules[$0].applies(method: method, path: path) }
        let sendAt = governing.reduce(now) { max($0, rules[$1].window.earliestSend(at: now)) }
        for index in governing { rules[index].window.consume(at: sendAt) }
        return sendAt - now
    }

    /// The names of the rules that govern a request, for logs.
    public func ruleNames(method: String, path: String) -> [String] {
        let path = Self.stripRoot(path)
        return rules.filter { $0.applies(method: method, path: path) }.map(\.name)
    }

    private static func stripRoot(_ path: String) -> String {
        for root in ["/v1/api", "/v1/portal"] where path.hasPrefix(root + "/") {
            return String(path.dropFirst(root.count))
        }
        return path
    }
}
