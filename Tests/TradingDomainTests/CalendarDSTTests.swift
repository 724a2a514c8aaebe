import Foundation
import Testing

@testable import TradingDomain

/// Open and close instants around the daylight-saving switches (America/New_York).
@Suite("Calendar daylight saving")
struct CalendarDSTTests {
    let nyse = ExchangeCalendar.nyse

    @Test("the calendar runs on the America/New_York zone, not a fixed-offset fallback")
    func zone() {
        #expect(nyse.timeZone.identifier == "America/New_York")
        #expect(nyse.identifier == "XNYS")
    }

    /// (trading day, open in UTC, close in UTC). Rows come in pairs: the last session before a switch and the
    /// first after it, so a calendar that ignores DST fails one of each pair.
    static let rows: [(String, String, String)] = [
        // 2026: DST starts Sunday March 8, ends Sunday November 1.
        ("2026-03-06", "2026-03-06T14:30:00Z", "2026-03-06T21:00:00Z"),
        ("2026-03-09", "2026-03-09T13:30:00Z", "2026-03-09T20:00:00Z"),
        ("2026-10-30", "2026-10-30T13:30:00Z", "2026-10-30T20:00:00Z"),
        ("2026-11-02", "2026-11-02T14:30:00Z", "2026-11-02T21:00:00Z"),
        // 2007: the first year of the current US rules (second Sunday of March, March 11).
        ("2007-03-09", "2007-03-09T14:30:00Z", "2007-03-09T21:00:00Z"),
        ("2007-03-12", "2007-03-12T13:30:00Z", "2007-03-12T20:00:00Z"),
        // 2006: the old rules (first Sunday of April, last Sunday of October).
        ("2006-03-13", "2006-03-13T14:30:00Z", "2006-03-13T21:00:00Z"),
        ("2006-03-31", "2006-03-31T14:30:00Z", "2006-03-31T21:00:00Z"),
        ("2006-04-03", "2006-04-03T13:30:00Z", "2006-04-03T20:00:00Z"),
        ("2006-10-27", "2006-10-27T13:30:00Z", "2006-10-27T20:00:00Z"),
        ("2006-10-30", "2006-10-30T14:30:00Z", "2006-10-30T21:00:00Z"),
        // 2040: far-future switch (March 11, November 4).
        ("2040-03-09", "2040-03-09T14:30:00Z", "2040-03-09T21:00:00Z"),
        ("2040-03-12", "2040-03-12T13:30:00Z", "2040-03-12T20:00:00Z"),
        ("2040-11-02", "2040-11-02T13:30:00Z", "2040-11-02T20:00:00Z"),
        ("2040-11-05", "2040-11-05T14:30:00Z", "2040-11-05T21:00:00Z"),
    ]

    @Test("sessions around each switch open and close at the right UTC instant", arguments: rows)
    func switchWeek(date: String, open: String, close: String) throws {
        let session = try #require(nyse.session(on: CalendarTestSupport.date(date)))
        #expect(session.open == CalendarTestSupport.utc(open))
        #expect(session.close == CalendarTestSupport.utc(close))
    }

    @Test("isRegularSession edges on the Mondays after a switch", arguments: rows)
    func edges(date: String, open: String, close: String) {
        let openInstant = CalendarTestSupport.utc(open)
        let closeInstant = CalendarTestSupport.utc(close)
        #expect(!nyse.isRegularSession(at: openInstant.addingTimeInterval(-1)))
        #expect(nyse.isRegularSession(at: openInstant))
        #expect(nyse.isRegularSession(at: closeInstant.addingTimeInterval(-0.001)))
        #expect(!nyse.isRegularSession(at: closeInstant))
    }

    @Test("ISO 8601 output carries the offset in force that day")
    func offsets() throws {
        let before = try #require(nyse.session(on: CalendarTestSupport.date("2026-03-06")))
        let after = try #require(nyse.session(on: CalendarTestSupport.date("2026-03-09")))
        #expect(nyse.iso8601(before.open) == "2026-03-06T09:30:00-05:00")
        #expect(nyse.iso8601(after.open) == "2026-03-09T09:30:00-04:00")
        #expect(nyse.iso8601(after.close) == "2026-03-09T16:00:00-04:00")
    }

    @Test("the Sunday of a switch is a closed weekend day and local dates follow New York")
    func switchSunday() {
        #expect(nyse.closureReason(on: CalendarTestSupport.date("2026-03-08")) == .weekend)
        // 03:59Z on Monday November 2 is still Sunday 22:59 in New York (EST, UTC−5).
        #expect(
            nyse.localDate(of: CalendarTestSupport.utc("2026-11-02T04:59:59Z"))
                == CalendarTestSupport.date("2026-11-01"))
        #expect(
            nyse.localDate(of: CalendarTestSupport.utc("2026-11-02T05:00:00Z"))
                == CalendarTestSupport.date("2026-11-02"))
        // In EDT (UTC−4) the local day starts at 04:00Z.
        #expect(
            nyse.localDate(of: CalendarTestSupport.utc("2026-03-09T03:59:59Z"))
                == CalendarTestSupport.date("2026-03-08"))
        #expect(
            nyse.localDate(of: CalendarTestSupport.utc("2026-03-09T04:00:00Z"))
                == CalendarTestSupport.date("2026-03-09"))
    }
}
