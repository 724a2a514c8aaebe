import Foundation
import SimulationKit
import Testing

@testable import GatewayTwin

/// The fill path's fast decimal arithmetic must give Foundation's very decimals (same 160 bits), or defer.
@Suite("ShortDecimal")
struct ShortDecimalTests {
    @Test("the layout check passes on this toolchain (otherwise the fast path is off)")
    func layout() {
        #expect(ShortDecimal.layoutHolds)
    }

    /// A seeded decimal like the engine's: up to 12 digits, 0 to 6 places, either sign, trailing zeros included.
    private func sample(_ generator: inout SplitMix64) -> Decimal {
        let digits = Decimal(generator.nextBounded(1_000_000_000_000))
        let places = generator.nextInt(in: 0...6)
        let negative = generator.nextBool(probability: 0.3)
        return Decimal(sign: negative ? .minus : .plus, exponent: -places, significand: digits)
    }

    @Test("seeded sums, differences and products are byte for byte Foundation's")
    func seeded() {
        var generator = SplitMix64(seed: 14)
        var fast = 0
        for _ in 0..<20_000 {
            let left = sample(&generator)
            let right = sample(&generator)
            for operation in ShortDecimal.Operation.allCases {
                let expected = ShortDecimal.foundation(left, right, operation)
                if let mine = ShortDecimal.fast(left, right, operation) {
                    fast += 1
                    #expect(
                        ShortDecimal.sameBytes(mine, expected), "\(left) \(operation) \(right): \(mine) vs \(expected)")
                }
                let result: Decimal
                switch operation {
                case .add: result = ShortDecimal.add(left, right)
                case .subtract: result = ShortDecimal.subtract(left, right)
                case .multiply: result = ShortDecimal.multiply(left, right)
                }
                #expect(ShortDecimal.sameBytes(result, expected))
                #expect(result.description == expected.description)
            }
        }
        // Most of these fit 64 bits: the test exercises the fast path, not only the fallback.
        #expect(fast > 30_000)
    }

    @Test("zeros, wide mantissas and exact cancellation defer to Foundation")
    func defers() throws {
        let third = Decimal(1) / Decimal(3)  // 38 digits, like a running average cost
        let price = try #require(Decimal(string: "190.05"))
        #expect(ShortDecimal.fast(third, price, .add) == nil)
        #expect(ShortDecimal.fast(price, 0, .multiply) == nil)
        #expect(ShortDecimal.fast(price, price, .subtract) == nil)
        #expect(ShortDecimal.sameBytes(ShortDecimal.add(third, price), third + price))
        #expect(ShortDecimal.sameBytes(ShortDecimal.multiply(price, 0), price * 0))
        #expect(ShortDecimal.sameBytes(ShortDecimal.subtract(price, price), price - price))
        let big = try #require(Decimal(string: "18446744073709551615"))
        #expect(ShortDecimal.fast(big, big, .multiply) == nil)
        #expect(ShortDecimal.sameBytes(ShortDecimal.multiply(big, big), big * big))
    }
}
