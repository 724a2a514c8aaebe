import Foundation
import Testing

@testable import TradingDomain

/// `status(at:)`: open or closed, why, next open and next close.
@Suite("Calendar status")
struct CalendarStatusTests {
    let nyse = ExchangeCalendar.nyse

    @Test("inside a session: open, closes today, next open is the next trading day")
    func open() {
        // Wednesday 2026-11-25 12:00 EST; Thursday is Thanksgiving, Friday closes early.
        let status = nyse.status(at: CalendarTestSupport.utc("2026-11-25T17:00:00Z"))
        #expect(status.isOpen)
        #expect(status.phase == .open)
        #expect(status.date == CalendarTestSupport.date("2026-11-25"))
        #expect(status.nextClose == CalendarTestSupport.utc("2026-11-25T21:00:00Z"))
        #expect(status.nextOpen == CalendarTestSupport.utc("2026-11-27T14:30:00Z"))
    }

    @Test("before the open: the open and close are today's")
    func beforeOpen() {
        let status = nyse.status(at: CalendarTestSupport.utc("2026-11-27T14:29:59Z"))
        #expect(!status.isOpen)
        #expect(status.phase == .beforeOpen)
        #expect(status.nextOpen == CalendarTestSupport.utc("2026-11-27T14:30:00Z"))
        #expect(status.nextClose == CalendarTestSupport.utc("2026-11-27T18:00:00Z"))
        #expect(status.session?.isEarlyClose == true)
    }

    @Test("after an early close: closed, next session is Monday")
    func afterEarlyClose() {
        let status = nyse.status(at: CalendarTestSupport.utc("2026-11-27T18:00:00Z"))
        #expect(status.phase == .afterClose)
        #expect(status.description == "closed (after today's early close)")
        #expect(status.nextOpen == CalendarTestSupport.utc("2026-11-30T14:30:00Z"))
        #expect(status.nextClose == CalendarTestSupport.utc("2026-11-30T21:00:00Z"))
    }

    @Test("on a holiday: closed all day with the holiday's name")
    func holiday() {
        let status = nyse.status(at: CalendarTestSupport.utc("2026-11-26T16:00:00Z"))
        #expect(status.phase == .closedAllDay(.holiday("Thanksgiving Day")))
        #expect(status.description == "closed (holiday: Thanksgiving Day)")
        #expect(status.session == nil)
        #expect(status.nextOpen == CalendarTestSupport.utc("2026-11-27T14:30:00Z"))
        #expect(status.nextClose == CalendarTestSupport.utc("2026-11-27T18:00:00Z"))
    }

    @Test("on a weekend across a DST switch: the next open is in the new offset")
    func weekendAcrossSwitch() {
        let status = nyse.status(at: CalendarTestSupport.utc("2026-03-07T15:00:00Z"))
        #expect(status.phase == .closedAllDay(.weekend))
        #expect(status.nextOpen == CalendarTestSupport.utc("2026-03-09T13:30:00Z"))
    }

    @Test("unscheduled closures run the next open past them")
    func afterSeptember11() {
        let status = nyse.status(at: CalendarTestSupport.utc("2001-09-11T14:00:00Z"))
        #expect(status.phase == .closedAllDay(.unscheduledClosure("September 11 attacks")))
        #expect(status.nextOpen == CalendarTestSupport.utc("2001-09-17T13:30:00Z"))
    }

    @Test("next and previous session skip holidays and weekends")
    func neighbours() {
        #expect(
            nyse.nextSession(after: CalendarTestSupport.date("2026-12-24"))?.date
                == CalendarTestSupport.date("2026-12-28"))
        #expect(
            nyse.previousSession(before: CalendarTestSupport.date("2026-01-05"))?.date
                == CalendarTestSupport.date("2026-01-02"))
    }
}

/// Extreme instants and dates never trap.
@Suite("Calendar extremes")
struct CalendarExtremeTests {
    /// Seconds since 1970, passed as numbers: Foundation's `Date.description` itself traps on NaN.
    @Test(
        "far-away and invalid instants get an answer, not a crash",
        arguments: [-1e18, 1e18, Double.nan, Double.infinity, -Double.infinity, 0])
    func extremes(seconds: Double) {
        let instant = Date(timeIntervalSince1970: seconds)
        let nyse = ExchangeCalendar.nyse
        _ = nyse.isRegularSession(at: instant)
        _ = nyse.status(at: instant)
        #expect(!nyse.iso8601(instant).isEmpty)
    }

    @Test("years outside 1–9999 are not dates", arguments: [0, -1, 10_000, Int.max, Int.min])
    func badYears(year: Int) {
        #expect(CalendarDate(year: year, month: 1, day: 1) == nil)
    }
}
