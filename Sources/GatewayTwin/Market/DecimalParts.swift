import FoundationEssentials

/// A `Decimal`'s sign, exponent and integer mantissa (when it fits 64 bits), read from its 160-bit layout.
///
/// FoundationEssentials offers no `Decimal` to integer or `Double` conversion except through text, which costs
/// about half a microsecond: too slow for the engine's price updates. The layout is NSDecimal's 160-bit form: an
/// `Int8` exponent; a byte holding the mantissa length in words (high four bits) and the sign (0x08) and compact
/// (0x04) flags, as swift-foundation packs them; a reserved `UInt16`; eight little-endian `UInt16` mantissa words.
/// It is checked once against values rebuilt through the public API; if it ever differs, `init?` answers nil and
/// callers use the text route.
struct DecimalParts: Equatable {
    var negative: Bool
    var exponent: Int
    var mantissa: UInt64

    /// The parts of `value`, or nil for NaN, a mantissa wider than 64 bits, or an unexpected layout.
    init?(_ value: Decimal) {
        guard Self.layoutHolds else { return nil }
        self.init(reading: value)
    }

    private init?(reading value: Decimal) {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        let parts = withUnsafeBytes(of: value) { raw -> DecimalParts? in
            let flags = raw.load(fromByteOffset: 1, as: UInt8.self)
            let length = Int(flags >> 4)
            let negative = flags & 0x08 != 0
            if length == 0 { return negative ? nil : DecimalParts(negative: false, exponent: 0, mantissa: 0) }
            guard length <= 4 else { return nil }
            var mantissa: UInt64 = 0
            for index in (0..<length).reversed() {
                let word = raw.loadUnaligned(fromByteOffset: 4 + 2 * index, as: UInt16.self)
                mantissa = mantissa << 16 | UInt64(UInt16(littleEndian: word))
            }
            let exponent = Int(raw.load(fromByteOffset: 0, as: Int8.self))
            return DecimalParts(negative: negative, exponent: exponent, mantissa: mantissa)
        }
        guard let parts else { return nil }
        self = parts
    }

    private init(negative: Bool, exponent: Int, mantissa: UInt64) {
        self.negative = negative
        self.exponent = exponent
        self.mantissa = mantissa
    }

    /// The value these parts describe, built through the public API.
    var decimal: Decimal {
        Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    /// Whether reading the layout gives back exactly the values it was read from.
    static let layoutHolds: Bool = {
        let samples = ["0", "1", "-123.45", "190.015", "0.000001", "-7e12", "18446744073709551615", "65536.65535"]
        return samples.allSatisfy { text in
            guard let value = Decimal(string: text), let parts = DecimalParts(reading: value) else { return false }
            return parts.decimal == value
        }
    }()
}
