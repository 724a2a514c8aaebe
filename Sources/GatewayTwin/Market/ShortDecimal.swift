import FoundationEssentials

/// Exact `Decimal` addition, subtraction and multiplication for the fill path, when both operands and the exact
/// result have mantissas that fit 64 bits (prices, share counts, cash and commissions in cents), giving the very
/// `Decimal` Foundation's operators give.
///
/// Each Foundation operator costs about a microsecond (it widens to a 38-digit integer in an allocated array and
/// compacts the result); a fill does a dozen of them, most of the engine's time on an active book. Within 64 bits
/// the result is exact in both, and Foundation stores it compacted (no trailing zeros in the mantissa), so writing
/// that compact form directly is the same value with the same layout (see `DecimalParts` for the layout). Anything
/// else (a zero, an operand or result wider than 64 bits such as a 38-digit average cost, an unexpected layout)
/// goes to Foundation's operator. `layoutHolds` checks the written form against Foundation's once, byte for byte.
enum ShortDecimal {
    /// `lhs + rhs`, exactly as `Decimal`'s `+`.
    static func add(_ lhs: Decimal, _ rhs: Decimal) -> Decimal {
        (layoutHolds ? fast(lhs, rhs, .add) : nil) ?? lhs + rhs
    }

    /// `lhs - rhs`, exactly as `Decimal`'s `-`.
    static func subtract(_ lhs: Decimal, _ rhs: Decimal) -> Decimal {
        (layoutHolds ? fast(lhs, rhs, .subtract) : nil) ?? lhs - rhs
    }

    /// `lhs * rhs`, exactly as `Decimal`'s `*`.
    static func multiply(_ lhs: Decimal, _ rhs: Decimal) -> Decimal {
        (layoutHolds ? fast(lhs, rhs, .multiply) : nil) ?? lhs * rhs
    }

    enum Operation: CaseIterable { case add, subtract, multiply }

    /// The fast path alone: nil where it defers to Foundation (zero, wider than 64 bits, exponent out of range).
    /// Not guarded by `layoutHolds`, so tests can compare it with Foundation directly.
    static func fast(_ lhs: Decimal, _ rhs: Decimal, _ operation: Operation) -> Decimal? {
        guard let left = DecimalParts(lhs), let right = DecimalParts(rhs), left.mantissa != 0, right.mantissa != 0
        else { return nil }
        switch operation {
        case .add: return sum(left, right, negateRight: false)
        case .subtract: return sum(left, right, negateRight: true)
        case .multiply:
            let (high, low) = left.mantissa.multipliedFullWidth(by: right.mantissa)
            guard high == 0 else { return nil }
            return compact(
                negative: left.negative != right.negative, exponent: left.exponent + right.exponent, mantissa: low)
        }
    }

    private static func sum(_ left: DecimalParts, _ right: DecimalParts, negateRight: Bool) -> Decimal? {
        let exponent = min(left.exponent, right.exponent)
        guard let leftScaled = scaled(left.mantissa, by: left.exponent - exponent),
            let rightScaled = scaled(right.mantissa, by: right.exponent - exponent),
            leftScaled <= UInt64(Int64.max), rightScaled <= UInt64(Int64.max)
        else { return nil }
        let leftSigned = left.negative ? -Int64(leftScaled) : Int64(leftScaled)
        let rightSigned = (right.negative != negateRight) ? -Int64(rightScaled) : Int64(rightScaled)
        let (total, overflow) = leftSigned.addingReportingOverflow(rightSigned)
        guard !overflow, total != 0 else { return nil }
        return compact(negative: total < 0, exponent: exponent, mantissa: total.magnitude)
    }

    /// `mantissa × 10^power`, nil when it overflows.
    private static func scaled(_ mantissa: UInt64, by power: Int) -> UInt64? {
        var result = mantissa
        for _ in 0..<power {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            result = next
        }
        return result
    }

    /// The compact `Decimal` (trailing zeros moved into the exponent) for a nonzero mantissa; nil when the
    /// exponent leaves `Decimal`'s range.
    private static func compact(negative: Bool, exponent: Int, mantissa: UInt64) -> Decimal? {
        var mantissa = mantissa
        var exponent = exponent
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        guard exponent >= Int(Int8.min), exponent <= Int(Int8.max) else { return nil }
        return write(negative: negative, exponent: exponent, mantissa: mantissa)
    }

    /// Writes NSDecimal's 160-bit form: exponent, then length (high four bits), sign (0x08) and compact (0x04)
    /// flags, a reserved `UInt16`, and eight little-endian `UInt16` mantissa words.
    private static func write(negative: Bool, exponent: Int, mantissa: UInt64) -> Decimal {
        var length = 0
        var rest = mantissa
        while rest != 0 {
            length += 1
            rest >>= 16
        }
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            for index in 0..<raw.count { raw[index] = 0 }
            raw.storeBytes(of: Int8(exponent), toByteOffset: 0, as: Int8.self)
            raw.storeBytes(of: UInt8(length << 4) | (negative ? 0x08 : 0) | 0x04, toByteOffset: 1, as: UInt8.self)
            for index in 0..<length {
                let word = UInt16(truncatingIfNeeded: mantissa >> (16 * UInt64(index)))
                raw.storeBytes(of: word.littleEndian, toByteOffset: 4 + 2 * index, as: UInt16.self)
            }
        }
        return value
    }

    /// Whether the fast path's results are byte for byte Foundation's on samples covering carries, borrows,
    /// sign changes, trailing zeros and multi-word mantissas; if not, every call uses Foundation's operators.
    static let layoutHolds: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let texts = [
            "1", "-1", "0.005", "190.05", "-173.96", "1000000000", "65536", "0.01", "12.5", "-0.3", "99999.99",
        ]
        let samples = texts.compactMap { Decimal(string: $0) }
        guard samples.count == texts.count else { return false }
        return samples.allSatisfy { left in
            samples.allSatisfy { right in
                Operation.allCases.allSatisfy { operation in
                    guard let mine = fast(left, right, operation) else { return true }
                    return sameBytes(mine, foundation(left, right, operation))
                }
            }
        }
    }()

    /// Foundation's own result, for comparisons.
    static func foundation(_ lhs: Decimal, _ rhs: Decimal, _ operation: Operation) -> Decimal {
        switch operation {
        case .add: lhs + rhs
        case .subtract: lhs - rhs
        case .multiply: lhs * rhs
        }
    }

    /// True when two decimals have the same 160 bits, not only the same value.
    static func sameBytes(_ lhs: Decimal, _ rhs: Decimal) -> Bool {
        withUnsafeBytes(of: lhs) { left in withUnsafeBytes(of: rhs) { right in left.elementsEqual(right) } }
    }
}
