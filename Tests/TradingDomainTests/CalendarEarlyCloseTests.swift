import Foundation
import Testing

@testable import TradingDomain

/// Each 13:00 early-close rule, its exceptions, and the ad-hoc early closes.
@Suite("Calendar early closes")
struct CalendarEarlyCloseTests {
    let nyse = ExchangeCalendar.nyse

    /// (date, why it closes at 13:00 ET).
    static let earlyRows: [(String, String)] = [
        // July 3 on a Monday, Tuesday or Thursday (July 4 on Tuesday, Wednesday or Friday).
        ("2000-07-03", "Day before Independence Day"),
        ("2001-07-03", "Day before Independence Day"),
        ("2003-07-03", "Day before Independence Day"),
        ("2023-07-03", "Day before Independence Day"),
        ("2025-07-03", "Day before Independence Day"),
        // July 4 on a Thursday: before 2013 the Friday after closed early, from 2013 the Wednesday before.
        ("2002-07-05", "Day after Independence Day"),
        ("2013-07-03", "Day before Independence Day"),
        ("2019-07-03", "Day before Independence Day"),
        ("2024-07-03", "Day before Independence Day"),
        // The day after Thanksgiving.
        ("2000-11-24", "Day after Thanksgiving"),
        ("2026-11-27", "Day after Thanksgiving"),
        // Christmas Eve Monday–Thursday.
        ("2001-12-24", "Christmas Eve"),
        ("2019-12-24", "Christmas Eve"),
        ("2020-12-24", "Christmas Eve"),
        ("2025-12-24", "Christmas Eve"),
        // Ad hoc (data).
        ("2003-12-26", "Day after Christmas"),
    ]

    @Test("early-close days close at 13:00 New York time", arguments: earlyRows)
    func earlyClose(date: String, name: String) throws {
        let day = CalendarTestSupport.date(date)
        let session = try #require(nyse.session(on: day))
        #expect(session.isEarlyClose)
        #expect(session.earlyCloseName == name)
        #expect(
            nyse.iso8601(session.open).hasSuffix("T09:30:00-04:00")
                || nyse.iso8601(session.open).hasSuffix("T09:30:00-05:00"))
        #expect(nyse.iso8601(session.close).dropFirst(10).hasPrefix("T13:00:00"))
        #expect(session.close.timeIntervalSince(session.open) == 3.5 * 3600)
    }

    /// Days that look like early-close candidates but trade a full day (or not at all).
    static let fullDayRows: [String] = [
        "2002-07-03",  // Wednesday before a Thursday July 4, before the 2013 change: full day
        "2013-07-05",  // Friday after a Thursday July 4, from 2013: full day
        "2019-07-05",
        "2024-07-05",
        "2020-07-02",  // Thursday before an observed Friday July 3 holiday: full day
        "2026-07-02",
        "2002-12-26",  // the day after Christmas is a full day except in 2003
        "2025-12-26",
        "2025-12-31",  // New Year's Eve is a full day
    ]

    @Test("lookalike days trade until 16:00", arguments: fullDayRows)
    func fullDay(date: String) throws {
        let session = try #require(nyse.session(on: CalendarTestSupport.date(date)))
        #expect(!session.isEarlyClose)
        #expect(session.close.timeIntervalSince(session.open) == 6.5 * 3600)
    }

    /// Early-close candidates that are themselves holidays or weekends: no session at all.
    static let noSessionRows: [String] = [
        "2020-07-03",  // observed Independence Day, not an early close
        "2026-07-03",
        "2004-12-24",  // observed Christmas
        "2021-12-24",
        "2023-12-24",  // Sunday
        "2022-12-24",  // Saturday
    ]

    @Test("an early-close date that is a holiday or weekend has no session", arguments: noSessionRows)
    func noSession(date: String) {
        #expect(nyse.session(on: CalendarTestSupport.date(date)) == nil)
    }

    @Test("the early-close list of a year is complete and ordered")
    func yearLists() {
        #expect(
            nyse.earlyCloses(in: 2024).map(\.date.description) == ["2024-07-03", "2024-11-29", "2024-12-24"])
        #expect(nyse.earlyCloses(in: 2026).map(\.date.description) == ["2026-11-27", "2026-12-24"])
        #expect(
            nyse.earlyCloses(in: 2003).map(\.date.description) == [
                "2003-07-03", "2003-11-28", "2003-12-24", "2003-12-26",
            ])
        #expect(nyse.earlyCloses(in: 2021).map(\.date.description) == ["2021-11-26"])
    }

    @Test("isRegularSession honours the 13:00 close")
    func earlyCloseInstants() {
        // 2026-11-27 is in EST (UTC−5): 13:00 ET is 18:00Z.
        #expect(nyse.isRegularSession(at: CalendarTestSupport.utc("2026-11-27T17:59:59Z")))
        #expect(!nyse.isRegularSession(at: CalendarTestSupport.utc("2026-11-27T18:00:00Z")))
        #expect(!nyse.isRegularSession(at: CalendarTestSupport.utc("2026-11-27T20:30:00Z")))
    }
}
