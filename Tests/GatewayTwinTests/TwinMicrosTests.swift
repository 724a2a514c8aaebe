import Foundation
import SimulationKit
import Testing

@testable import GatewayTwin

@Suite("Integer millionths for engine prices")
struct TwinMicrosTests {
    @Test(
        "exact conversions",
        arguments: [
            ("189.57", Int64(189_570_000)), ("0.000001", 1), ("0", 0), ("-12.5", -12_500_000),
            ("999999999.99", 999_999_999_990_000), ("0.01", 10000),
        ])
    func exact(text: String, micros: Int64) {
        #expect(TwinMicros.from(dec(text)) == micros)
        #expect(TwinMicros.decimal(micros) == dec(text))
    }

    @Test("out of range is refused")
    func outOfRange() {
        #expect(TwinMicros.from(dec("1000000001")) == nil)
        #expect(TwinMicros.from(Decimal.nan) == nil)
    }

    @Test("every seeded cent and sub-cent price survives the round trip")
    func roundTrip() {
        var generator = SplitMix64(seed: 21)
        for _ in 0..<5000 {
            let micros = Int64(generator.nextBounded(900_000_000_000_000))
            let value = TwinMicros.decimal(micros)
            #expect(TwinMicros.from(value) == micros)
        }
    }
}
