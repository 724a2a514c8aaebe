/// A seeded 64-bit generator (SplitMix64): the only source of randomness in simulations, so a seed replays a run.
///
/// Bounded integers and unit intervals come from this type's own functions rather than the standard library's
/// `random(in:using:)`, whose algorithm may change between toolchains and would silently break replays.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The internal state; two generators with the same state produce the same sequence.
    public private(set) var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method, so there is no modulo bias).
    /// A bound of zero answers zero rather than trapping.
    public mutating func nextBounded(_ bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in the closed range; an empty-width range answers its only value.
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        if width == UInt64.max { return Int(bitPattern: UInt(next())) }
        return range.lowerBound &+ Int(bitPattern: UInt(nextBounded(width &+ 1)))
    }

    /// A uniform value in `[0, 1)` built from the top 53 bits, exact in a `Double`.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with the given probability (clamped to `[0, 1]`).
    public mutating func nextBool(probability: Double) -> Bool {
        if probability <= 0 { return false }
        if probability >= 1 { return true }
        return nextUnitInterval() < probability
    }

    /// A UUID-shaped lower-case string (version 4 layout) drawn from this generator, e.g. for reply ids.
    public mutating func nextUUIDString() -> String {
        let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = Self.hex(high, digits: 16) + Self.hex(low, digits: 16)
        let chars = Array(hex)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }
        return parts.joined(separator: "-")
    }

    /// Lower-case hex digits of the next `count` random nibbles, e.g. for session ids.
    public mutating func nextHex(count: Int) -> String {
        var result = ""
        while result.count < count {
            result += Self.hex(next(), digits: 16)
        }
        return String(result.prefix(max(0, count)))
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
