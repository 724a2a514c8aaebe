import Foundation
import Testing

@testable import Rehearsal

@Suite("Time text")
struct TimeTextTests {
    static let durations: [(String, Double?)] = [
        ("90s", 90), ("5m", 300), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), ("250ms", 0.25), ("1.5s", 1.5),
        ("", nil), ("5", nil), ("m", nil), ("5 m", nil), ("5y", nil), ("-5s", nil),
    ]

    @Test("durations", arguments: durations)
    func duration(text: String, seconds: Double?) {
        #expect(TimeText.seconds(text) == seconds)
    }

    static let instants: [(String, Double?)] = [
        ("2026-01-06T10:00:00-05:00", 1_767_711_600),
        ("2026-01-06T15:00:00Z", 1_767_711_600),
        ("2026-01-06T15:00:00.250Z", 1_767_711_600.25),
        ("2026-01-06T20:30:00+05:30", 1_767_711_600),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("2025-02-29T00:00:00Z", nil),
        ("2026-01-06T10:00:00", nil),
        ("2026-01-06 10:00:00Z", nil),
        ("2026-13-06T10:00:00Z", nil),
        ("2026-01-06T10:00:00Zjunk", nil),
        ("+90s", 1_767_711_690),
    ]

    @Test("instants, absolute with an offset or relative to the start", arguments: instants)
    func instant(text: String, epoch: Double?) {
        let start = Date(timeIntervalSince1970: 1_767_711_600)
        #expect(TimeText.instant(text, relativeTo: start)?.timeIntervalSince1970 == epoch)
    }

    @Test("formatting round-trips through the parser")
    func format() {
        let date = Date(timeIntervalSince1970: 1_767_711_600.125)
        #expect(TimeText.format(date) == "2026-01-06T15:00:00.125Z")
        #expect(TimeText.iso8601(TimeText.format(date)) == date)
        #expect(TimeText.duration(5400) == "1h30m")
        #expect(TimeText.duration(0) == "0s")
    }
}
