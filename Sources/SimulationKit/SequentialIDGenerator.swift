/// Hands out increasing integer ids (order ids, execution numbers) so that two runs number things identically.
public struct SequentialIDGenerator: Sendable, Hashable {
    /// The id the next call to `next()` returns.
    public private(set) var upcoming: Int
    /// The distance between consecutive ids.
    public let step: Int

    /// A generator whose first id is `start`.
    public init(start: Int = 1, step: Int = 1) {
        upcoming = start
        self.step = step
    }

    /// The next id.
    public mutating func next() -> Int {
        defer { upcoming += step }
        return upcoming
    }

    /// The next id as text with a prefix, e.g. `"exec-000042"` for prefix `"exec-"` and width 6.
    public mutating func nextString(prefix: String = "", width: Int = 0) -> String {
        let digits = String(next())
        let padding = String(repeating: "0", count: max(0, width - digits.count))
        return prefix + padding + digits
    }
}
