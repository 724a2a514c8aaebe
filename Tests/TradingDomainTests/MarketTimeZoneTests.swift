import Foundation
import Testing
import TradingDomain

@Suite("MarketTimeZone")
struct MarketTimeZoneTests {
    @Test("New York's offset matches ICU's America/New_York at every hour 1970–2100")
    func matchesICU() throws {
        let icu = try #require(TimeZone(identifier: "America/New_York"))
        var mismatches: [String] = []
        // Every hour, plus the minute before each hour, catches a switch one hour or one minute off.
        var seconds = 0
        while seconds < 4_102_444_800 {  // 2100-01-01
            for instant in [seconds - 60, seconds] {
                let date = Date(timeIntervalSince1970: Double(instant))
                let ours = MarketTimeZone.newYork.secondsFromGMT(for: date)
                let theirs = icu.secondsFromGMT(for: date)
                if ours != theirs && mismatches.count < 5 { mismatches.append("\(date): \(ours) vs ICU \(theirs)") }
            }
            seconds += 3600
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("switches happen at 02:00 local time on the rule's Sundays")
    func switches() {
        // 2026: second Sunday of March (8th) and first Sunday of November (1st).
        let springForward = Date(timeIntervalSince1970: 1_772_953_200)  // 2026-03-08T07:00:00Z
        #expect(MarketTimeZone.newYork.secondsFromGMT(for: springForward.addingTimeInterval(-1)) == -18_000)
        #expect(MarketTimeZone.newYork.secondsFromGMT(for: springForward) == -14_400)
        let fallBack = Date(timeIntervalSince1970: 1_793_512_800)  // 2026-11-01T06:00:00Z
        #expect(MarketTimeZone.newYork.secondsFromGMT(for: fallBack.addingTimeInterval(-1)) == -14_400)
        #expect(MarketTimeZone.newYork.secondsFromGMT(for: fallBack) == -18_000)
    }

    @Test("a day runs from local midnight to local midnight, 23 or 25 hours on switch days")
    func dayIntervals() {
        let zone = MarketTimeZone.newYork
        let ordinary = zone.dayInterval(containing: Date(timeIntervalSince1970: 1_764_165_600))  // 2025-11-26T14:00Z
        #expect(ordinary.start == Date(timeIntervalSince1970: 1_764_133_200))  // 2025-11-26T05:00Z
        #expect(ordinary.duration == 86_400)
        let spring = zone.dayInterval(containing: Date(timeIntervalSince1970: 1_772_989_200))  // 2026-03-08T17:00Z
        #expect(spring.duration == 23 * 3600)
        let autumn = zone.dayInterval(containing: Date(timeIntervalSince1970: 1_793_548_800))  // 2026-11-01T16:00Z
        #expect(autumn.duration == 25 * 3600)
        #expect(zone.localDate(of: Date(timeIntervalSince1970: 1_764_133_199)) == CalendarDate(iso: "2025-11-25"))
        #expect(
            MarketTimeZone.utc.dayInterval(containing: Date(timeIntervalSince1970: 100)).start.timeIntervalSince1970
                == 0)
    }

    @Test("only the supported names are accepted")
    func names() {
        #expect(MarketTimeZone(identifier: "America/New_York") == .newYork)
        #expect(MarketTimeZone(identifier: "US/Eastern") == .newYork)
        #expect(MarketTimeZone(identifier: "UTC") == .utc)
        #expect(MarketTimeZone(identifier: "Europe/London") == nil)
        #expect(MarketTimeZone(identifier: "america/new_york") == nil)
    }
}

@Suite("Decimal rounding")
struct DecimalRoundingTests {
    /// Foundation's `NSDecimalRound`, the behaviour `rounded(places:mode:)` reproduces without it.
    private func reference(_ value: Decimal, _ places: Int, _ mode: Decimal.RoundingMode) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, mode)
        return output
    }

    @Test("matches NSDecimalRound on every mode for values around each rounding edge")
    func matchesFoundation() throws {
        var values: [Decimal] = []
        for text in [
            "0", "0.5", "1.5", "2.5", "-0.5", "-1.5", "-2.5", "0.125", "-0.125", "0.135", "9.995", "-9.995",
            "99.9999", "0.0001", "-0.0001", "123456789.123456789", "1e-20", "190.014999", "190.015", "190.015001",
            "0.33333333333333333333", "-7.777777", "1000", "12.3", "5e3", "0.0066", "-0.0066",
        ] {
            values.append(try #require(Decimal(string: text)))
        }
        // A deterministic spread of prices and quantities with up to six decimals.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let cents = Int64(bitPattern: state >> 20) % 100_000_000_000
            values.append(Decimal(sign: cents < 0 ? .minus : .plus, exponent: -6, significand: Decimal(abs(cents))))
        }
        for value in values {
            for places in 0...4 {
                for mode in [Decimal.RoundingMode.plain, .down, .up, .bankers] {
                    let ours = value.rounded(places: places, mode: mode)
                    #expect(ours == reference(value, places, mode), "\(value) to \(places) places, mode \(mode)")
                }
            }
        }
    }

    @Test("fixed keeps the zeros a display needs")
    func fixed() {
        #expect(Decimal(string: "1.5")!.fixed(places: 2) == "1.50")
        #expect(Decimal(string: "-0.125")!.fixed(places: 2) == "-0.13")
        #expect(Decimal(string: "1977.6")!.fixed(places: 0) == "1978")
        #expect(Decimal(7).fixed(places: 3) == "7.000")
        #expect(0.1.fixed(3) == "0.100")
        #expect(2.0004.fixed(3) == "2.000")
        #expect(1_234_567.891.fixed(1) == "1234567.9")
        #expect(Double.nan.fixed(2) == "nan")
        #expect(1e200.fixed(1) == "1e+200")
    }
}
