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

    @Test("the decimal's parts are read on this platform, and agree with its text")
    func partsAgreeWithText() throws {
        #expect(DecimalParts.layoutHolds)
        let parts = try #require(DecimalParts(dec("-190.015")))
        #expect(parts == DecimalParts(dec("-190015e-3")))
        #expect(parts.negative && parts.exponent == -3 && parts.mantissa == 190_015)
        #expect(DecimalParts(dec("340282366920938463463374607431768211455")) == nil)  // wider than 64 bits
        #expect(DecimalParts(Decimal.nan) == nil)
        // More than six decimals round half away from zero, as the text route does.
        for text in [
            "190.0149995", "190.0149994", "-190.0149995", "0.0000005", "0.00000049", "123.123456789",
            "-0.00000051", "1e-25", "999999999.9999994", "42", "7e8",
        ] {
            #expect(TwinMicros.from(dec(text)) == TwinMicros.fromText(dec(text)), "\(text)")
        }
        // A mantissa wider than 64 bits takes the text route, rounded exactly before it meets a Double.
        #expect(TwinMicros.from(dec("930392983.8065464056016")) == 930_392_983_806_546)
        var generator = SplitMix64(seed: 5)
        for _ in 0..<2000 {
            let mantissa = Decimal(generator.nextBounded(1_000_000_000_000))
            let value = Decimal(sign: .plus, exponent: -Int(generator.nextBounded(10)), significand: mantissa)
            #expect(TwinMicros.from(value) == TwinMicros.fromText(value), "\(value)")
        }
    }
}

@Suite("Twin clock and rounding")
struct TwinClockTests {
    @Test("the twin's New York offset matches ICU at every hour 2007–2060")
    func newYorkOffset() throws {
        let icu = try #require(TimeZone(identifier: "America/New_York"))
        var seconds = 1_167_609_600  // 2007-01-01
        var mismatches: [Int] = []
        while seconds < 2_840_140_800 {  // 2060-01-01
            for instant in [seconds - 60, seconds]
            where TwinCalendar.offset(atUTC: instant)
                != icu.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
            {
                mismatches.append(instant)
            }
            seconds += 3600
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test("local fields and the next session time follow New York's clock")
    func localFields() {
        let calendar = TwinCalendar()
        let summerOpen = Date(timeIntervalSince1970: 1_783_517_400)  // 2026-07-08T13:30:00Z = 09:30 EDT
        #expect(calendar.minuteOfDay(summerOpen) == 570)
        #expect(calendar.isRegularHours(summerOpen))
        #expect(calendar.dayKey(summerOpen) == "2026-07-08")
        #expect(!calendar.isTradingDay(Date(timeIntervalSince1970: 1_795_708_800)))  // Thanksgiving 2026, 14:00Z
        let friday = Date(timeIntervalSince1970: 1_795_384_800)  // 2026-11-20T21:00Z, Friday after the close
        let next = calendar.next(hour: 9, minute: 30, after: friday, tradingDaysOnly: true)
        #expect(next == Date(timeIntervalSince1970: 1_795_444_200))  // Monday 2026-11-23T14:30Z = 09:30 EST
        // The nightly 01:00 on the autumn switch is the first 01:00 (05:00Z, EDT); 02:30 on the spring switch does
        // not exist, so it is the switch itself (07:00Z).
        let autumnEve = Date(timeIntervalSince1970: 1_762_025_069)  // 2025-11-01T19:24:29Z
        let autumn = calendar.next(hour: 1, minute: 0, after: autumnEve, tradingDaysOnly: false)
        #expect(autumn == Date(timeIntervalSince1970: 1_762_059_600))  // 2025-11-02T05:00:00Z
        let springEve = Date(timeIntervalSince1970: 1_741_419_060)  // 2025-03-08T07:31:00Z
        let spring = calendar.next(hour: 2, minute: 30, after: springEve, tradingDaysOnly: false)
        #expect(spring == Date(timeIntervalSince1970: 1_741_503_600))  // 2025-03-09T07:00:00Z
        #expect(TwinCalendar.utcStamp(summerOpen, format: .compact) == "260708133000")
        #expect(TwinCalendar.utcStamp(summerOpen, format: .trade) == "20260708-13:30:00")
    }

    @Test("the twin's rounding matches NSDecimalRound")
    func rounding() throws {
        for text in [
            "0.5", "1.5", "2.5", "-2.5", "0.125", "-0.125", "9.995", "190.015", "0.0066", "-0.0066", "12", "1e-9",
        ] {
            let value = try #require(Decimal(string: text))
            for scale in 0...3 {
                for mode in [Decimal.RoundingMode.plain, .down, .up, .bankers] {
                    var input = value
                    var expected = Decimal()
                    NSDecimalRound(&expected, &input, scale, mode)
                    #expect(TwinFormat.round(value, scale: scale, mode: mode) == expected, "\(text) \(scale) \(mode)")
                }
            }
        }
    }
}
