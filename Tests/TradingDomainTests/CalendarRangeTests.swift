import Foundation
import Testing

@testable import TradingDomain

/// Whole-range checks, every day of 2000–2040.
@Suite("Calendar 2000–2040")
struct CalendarRangeTests {
    let nyse = ExchangeCalendar.nyse

    /// Trading days per year as published by NYSE (or counted from its published holiday lists).
    static let tradingDaysPerYear: [(Int, Int)] = [
        (2000, 252), (2001, 248), (2004, 252), (2007, 251), (2012, 250), (2018, 251), (2020, 253), (2021, 252),
        (2022, 251), (2023, 250), (2024, 252), (2025, 250), (2026, 251),
    ]

    @Test("trading days per year match the published totals", arguments: tradingDaysPerYear)
    func yearTotals(year: Int, count: Int) {
        let sessions = nyse.sessions(
            from: CalendarTestSupport.date("\(year)-01-01"), to: CalendarTestSupport.date("\(year)-12-31"))
        #expect(sessions.count == count)
    }

    @Test("every session of 2000–2040 opens 09:30 and closes 16:00 or 13:00 New York time")
    func everySession() {
        let sessions = nyse.sessions(
            from: CalendarTestSupport.date("2000-01-01"), to: CalendarTestSupport.date("2040-12-31"))
        #expect(sessions.count > 41 * 248)
        var previous: CalendarDate?
        for session in sessions {
            let open = nyse.iso8601(session.open)
            let close = nyse.iso8601(session.close)
            #expect(open.hasPrefix("\(session.date)T09:30:00-0"), "\(session.date) opens at \(open)")
            let expectedClose = session.isEarlyClose ? "T13:00:00-0" : "T16:00:00-0"
            #expect(close.hasPrefix("\(session.date)\(expectedClose)"), "\(session.date) closes at \(close)")
            #expect(session.date.weekday != .saturday && session.date.weekday != .sunday)
            if let previous { #expect(previous < session.date) }
            previous = session.date
            // The guards' fast path agrees with the session instants.
            #expect(nyse.isRegularSession(at: session.open))
            #expect(!nyse.isRegularSession(at: session.close))
        }
    }

    @Test("each year has one to four early closes, never on a closed day", arguments: 2000...2040)
    func earlyClosesPerYear(year: Int) {
        let early = nyse.earlyCloses(in: year)
        #expect((1...4).contains(early.count), "\(year) has \(early.count) early closes")
        for day in early {
            #expect(nyse.isTradingDay(day.date))
        }
    }

    @Test("sessions(from:to:) is empty for a reversed range and inclusive at both ends")
    func rangeEnds() {
        #expect(
            nyse.sessions(from: CalendarTestSupport.date("2026-11-30"), to: CalendarTestSupport.date("2026-11-27"))
                .isEmpty)
        let both = nyse.sessions(
            from: CalendarTestSupport.date("2026-11-25"), to: CalendarTestSupport.date("2026-11-27"))
        #expect(both.map(\.date.description) == ["2026-11-25", "2026-11-27"])
    }

    @Test("answers are the same on every call (no ambient clock)")
    func deterministic() {
        let instant = CalendarTestSupport.utc("2026-11-27T15:00:00Z")
        #expect(nyse.status(at: instant) == nyse.status(at: instant))
        #expect(
            nyse.sessions(from: CalendarTestSupport.date("2026-01-01"), to: CalendarTestSupport.date("2026-12-31"))
                == ExchangeCalendar.nyse.sessions(
                    from: CalendarTestSupport.date("2026-01-01"), to: CalendarTestSupport.date("2026-12-31")))
    }
}
