/// A sliding-window rate limit for client-side pacing: at most `rate` requests in any window of length `per`.
///
/// Up to `rate` requests go out back to back; the next waits until the oldest of the last `rate` is `per` old. No
/// window of length `per`, wherever it starts, ever holds more than `rate` requests — the strict reading of IBKR's
/// "N per second", which matters since a violation costs a 10–15 minute penalty box — while a burst of calls
/// (a tool's first requests after start-up) is not spread out for nothing.
///
/// Time is a `Duration` since any origin the caller picks, so the limit works with an injected clock and tests
/// never sleep.
public struct RateWindow: Sendable, Equatable {
    public let rate: Int
    public let per: Duration
    /// The send times of the last `rate` requests, oldest first.
    private var recent: [Duration] = []

    /// - Parameters: a `rate` below 1 is treated as 1.
    public init(rate: Int, per: Duration) {
        self.rate = max(1, rate)
        self.per = per
    }

    /// The earliest moment at or after `now` when a request keeps within the limit.
    public func earliestSend(at now: Duration) -> Duration {
        guard recent.count >= rate, let oldest = recent.first else { return now }
        return max(now, oldest + per)
    }

    /// Records a request sent at `time` (normally the value `earliestSend` returned).
    public mutating func consume(at time: Duration) {
        recent.append(max(time, recent.last ?? time))
        if recent.count > rate { recent.removeFirst(recent.count - rate) }
    }
}
