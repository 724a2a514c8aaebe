/// A token bucket for client-side pacing, kept in its "virtual scheduling" form (GCRA): instead of counting
/// tokens it remembers when the next request would be exactly on schedule.
///
/// `rate` requests per `per` are allowed, with bursts of up to `burst` back-to-back requests. With `burst: 1`
/// requests are spaced evenly (`per / rate` apart), so no window of length `per` ever holds more than `rate`
/// of them — the safe choice when a violation costs IBKR's 10–15 minute penalty box.
///
/// Time is a `Duration` since any origin the caller picks, so the bucket works with an injected clock and
/// tests never sleep.
public struct TokenBucket: Sendable, Equatable {
    public let rate: Int
    public let per: Duration
    public let burst: Int
    /// When the next request would be exactly on schedule; nil before the first request.
    private var theoreticalArrival: Duration?

    /// - Parameters: `rate` and `burst` below 1 are treated as 1.
    public init(rate: Int, per: Duration, burst: Int = 1) {
        self.rate = max(1, rate)
        self.per = per
        self.burst = max(1, burst)
    }

    /// The spacing between requests at the sustained rate.
    public var interval: Duration { per / rate }

    /// The earliest moment at or after `now` when a request conforms.
    public func earliestSend(at now: Duration) -> Duration {
        guard let theoreticalArrival else { return now }
        let tolerance = interval * (burst - 1)
        return max(now, theoreticalArrival - tolerance)
    }

    /// Records a request sent at `time` (normally the value `earliestSend` returned).
    public mutating func consume(at time: Duration) {
        theoreticalArrival = max(theoreticalArrival ?? time, time) + interval
    }
}
