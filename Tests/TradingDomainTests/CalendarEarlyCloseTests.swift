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

    /// Every 13:00 early close of 2000–2040 as published, written as data independent of the rules in Sources.
    /// (Cross-checked once against the XNYS calendar of the open-source exchange_calendars library: all 10,305
    /// sessions of 2000–2040 agree on date, open and close.)
    static let publishedEarlyCloses: [Int: [String]] = [
        2000: ["07-03", "11-24"],
        2001: ["07-03", "11-23", "12-24"],
        2002: ["07-05", "11-29", "12-24"],
        2003: ["07-03", "11-28", "12-24", "12-26"],
        2004: ["11-26"],
        2005: ["11-25"],
        2006: ["07-03", "11-24"],
        2007: ["07-03", "11-23", "12-24"],
        2008: ["07-03", "11-28", "12-24"],
        2009: ["11-27", "12-24"],
        2010: ["11-26"],
        2011: ["11-25"],
        2012: ["07-03", "11-23", "12-24"],
        2013: ["07-03", "11-29", "12-24"],
        2014: ["07-03", "11-28", "12-24"],
        2015: ["11-27", "12-24"],
        2016: ["11-25"],
        2017: ["07-03", "11-24"],
        2018: ["07-03", "11-23", "12-24"],
        2019: ["07-03", "11-29", "12-24"],
        2020: ["11-27", "12-24"],
        2021: ["11-26"],
        2022: ["11-25"],
        2023: ["07-03", "11-24"],
        2024: ["07-03", "11-29", "12-24"],
        2025: ["07-03", "11-28", "12-24"],
        2026: ["11-27", "12-24"],
        2027: ["11-26"],
        2028: ["07-03", "11-24"],
        2029: ["07-03", "11-23", "12-24"],
        2030: ["07-03", "11-29", "12-24"],
        2031: ["07-03", "11-28", "12-24"],
        2032: ["11-26"],
        2033: ["11-25"],
        2034: ["07-03", "11-24"],
        2035: ["07-03", "11-23", "12-24"],
        2036: ["07-03", "11-28", "12-24"],
        2037: ["11-27", "12-24"],
        2038: ["11-26"],
        2039: ["11-25"],
        2040: ["07-03", "11-23", "12-24"],
    ]

    @Test("every early close 2000–2040 matches the published table", arguments: 2000...2040)
    func wholeYear(year: Int) throws {
        let expected = try #require(Self.publishedEarlyCloses[year]).map { "\(year)-\($0)" }
        #expect(nyse.earlyCloses(in: year).map(\.date.description) == expected)
        let sessions = nyse.sessions(
            from: CalendarTestSupport.date("\(year)-01-01"), to: CalendarTestSupport.date("\(year)-12-31"))
        #expect(sessions.filter(\.isEarlyClose).map(\.date.description) == expected)
    }
}
