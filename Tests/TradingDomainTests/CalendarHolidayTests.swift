import Foundation
import Testing

@testable import TradingDomain

/// Each NYSE holiday rule and observance rule, and the whole holiday list against an independent table.
@Suite("Calendar holidays")
struct CalendarHolidayTests {
    let nyse = ExchangeCalendar.nyse

    /// (date, expected holiday name): one or more rows per rule, including every observance shift.
    static let holidayRows: [(String, String)] = [
        // New Year's Day: on a weekday, Sunday → Monday.
        ("2025-01-01", "New Year's Day"),
        ("2023-01-02", "New Year's Day (observed)"),
        ("2017-01-02", "New Year's Day (observed)"),
        // Martin Luther King Jr. Day: third Monday of January.
        ("2000-01-17", "Martin Luther King Jr. Day"),
        ("2026-01-19", "Martin Luther King Jr. Day"),
        // Washington's Birthday: third Monday of February.
        ("2024-02-19", "Washington's Birthday"),
        ("2021-02-15", "Washington's Birthday"),
        // Good Friday: two days before Gregorian Easter (early and late Easters).
        ("2008-03-21", "Good Friday"),
        ("2011-04-22", "Good Friday"),
        ("2038-04-23", "Good Friday"),
        ("2035-03-23", "Good Friday"),
        // Memorial Day: last Monday of May (May 31 and May 25 extremes).
        ("2021-05-31", "Memorial Day"),
        ("2026-05-25", "Memorial Day"),
        // Juneteenth from 2022: Sunday → Monday, Saturday → Friday.
        ("2022-06-20", "Juneteenth National Independence Day (observed)"),
        ("2023-06-19", "Juneteenth National Independence Day"),
        ("2027-06-18", "Juneteenth National Independence Day (observed)"),
        // Independence Day: Saturday → Friday, Sunday → Monday.
        ("2024-07-04", "Independence Day"),
        ("2020-07-03", "Independence Day (observed)"),
        ("2026-07-03", "Independence Day (observed)"),
        ("2021-07-05", "Independence Day (observed)"),
        // Labor Day: first Monday of September.
        ("2025-09-01", "Labor Day"),
        ("2026-09-07", "Labor Day"),
        // Thanksgiving: fourth Thursday of November (22nd and 28th extremes).
        ("2018-11-22", "Thanksgiving Day"),
        ("2024-11-28", "Thanksgiving Day"),
        // Christmas: Saturday → Friday, Sunday → Monday.
        ("2025-12-25", "Christmas Day"),
        ("2021-12-24", "Christmas Day (observed)"),
        ("2022-12-26", "Christmas Day (observed)"),
    ]

    @Test("each holiday rule and observance closes the right date", arguments: holidayRows)
    func holidayRule(date: String, name: String) {
        #expect(nyse.closureReason(on: CalendarTestSupport.date(date)) == .holiday(name))
        #expect(nyse.session(on: CalendarTestSupport.date(date)) == nil)
    }

    /// Days next to holidays that must stay open: the Saturday New Year's Day exception, Juneteenth before 2022,
    /// and the weekday on the other side of each observed holiday.
    static let openRows: [String] = [
        "2021-12-31",  // New Year's Day 2022 is a Saturday: NYSE does not close on Friday December 31
        "2010-12-31",  // same for 2011
        "2004-12-31",  // same for 2005
        "2027-12-31",  // same for 2028
        "2021-06-18",  // Juneteenth was not an NYSE holiday before 2022
        "2020-06-19",
        "2021-07-02",  // July 4, 2021 was a Sunday: observed Monday July 5, the Friday before is open
        "2022-12-23",  // Christmas 2022 was a Sunday: observed Monday, the Friday before is open
        "2027-06-21",  // Juneteenth 2027 is observed on Friday June 18, the Monday after is open
    ]

    @Test("days beside holidays stay open", arguments: openRows)
    func besideHolidays(date: String) {
        #expect(nyse.closureReason(on: CalendarTestSupport.date(date)) == nil)
        #expect(nyse.session(on: CalendarTestSupport.date(date)) != nil)
    }

    @Test(
        "Easter by the computus",
        arguments: [
            (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2019, "2019-04-21"),
            (2024, "2024-03-31"), (2025, "2025-04-20"), (2038, "2038-04-25"), (2285, "2285-03-22"),
        ])
    func easter(year: Int, expected: String) {
        #expect(NYSERules.easterSunday(year: year) == CalendarTestSupport.date(expected))
    }

    /// NYSE full-day holidays 2000–2040, written independently of the rules in Sources (dates only) and
    /// cross-checked once against the XNYS calendar of the open-source exchange_calendars library.
    static let publishedHolidays: [Int: [String]] = [
        2000: ["01-17", "02-21", "04-21", "05-29", "07-04", "09-04", "11-23", "12-25"],
        2001: ["01-01", "01-15", "02-19", "04-13", "05-28", "07-04", "09-03", "11-22", "12-25"],
        2002: ["01-01", "01-21", "02-18", "03-29", "05-27", "07-04", "09-02", "11-28", "12-25"],
        2003: ["01-01", "01-20", "02-17", "04-18", "05-26", "07-04", "09-01", "11-27", "12-25"],
        2004: ["01-01", "01-19", "02-16", "04-09", "05-31", "07-05", "09-06", "11-25", "12-24"],
        2005: ["01-17", "02-21", "03-25", "05-30", "07-04", "09-05", "11-24", "12-26"],
        2006: ["01-02", "01-16", "02-20", "04-14", "05-29", "07-04", "09-04", "11-23", "12-25"],
        2007: ["01-01", "01-15", "02-19", "04-06", "05-28", "07-04", "09-03", "11-22", "12-25"],
        2008: ["01-01", "01-21", "02-18", "03-21", "05-26", "07-04", "09-01", "11-27", "12-25"],
        2009: ["01-01", "01-19", "02-16", "04-10", "05-25", "07-03", "09-07", "11-26", "12-25"],
        2010: ["01-01", "01-18", "02-15", "04-02", "05-31", "07-05", "09-06", "11-25", "12-24"],
        2011: ["01-17", "02-21", "04-22", "05-30", "07-04", "09-05", "11-24", "12-26"],
        2012: ["01-02", "01-16", "02-20", "04-06", "05-28", "07-04", "09-03", "11-22", "12-25"],
        2013: ["01-01", "01-21", "02-18", "03-29", "05-27", "07-04", "09-02", "11-28", "12-25"],
        2014: ["01-01", "01-20", "02-17", "04-18", "05-26", "07-04", "09-01", "11-27", "12-25"],
        2015: ["01-01", "01-19", "02-16", "04-03", "05-25", "07-03", "09-07", "11-26", "12-25"],
        2016: ["01-01", "01-18", "02-15", "03-25", "05-30", "07-04", "09-05", "11-24", "12-26"],
        2017: ["01-02", "01-16", "02-20", "04-14", "05-29", "07-04", "09-04", "11-23", "12-25"],
        2018: ["01-01", "01-15", "02-19", "03-30", "05-28", "07-04", "09-03", "11-22", "12-25"],
        2019: ["01-01", "01-21", "02-18", "04-19", "05-27", "07-04", "09-02", "11-28", "12-25"],
        2020: ["01-01", "01-20", "02-17", "04-10", "05-25", "07-03", "09-07", "11-26", "12-25"],
        2021: ["01-01", "01-18", "02-15", "04-02", "05-31", "07-05", "09-06", "11-25", "12-24"],
        2022: ["01-17", "02-21", "04-15", "05-30", "06-20", "07-04", "09-05", "11-24", "12-26"],
        2023: ["01-02", "01-16", "02-20", "04-07", "05-29", "06-19", "07-04", "09-04", "11-23", "12-25"],
        2024: ["01-01", "01-15", "02-19", "03-29", "05-27", "06-19", "07-04", "09-02", "11-28", "12-25"],
        2025: ["01-01", "01-20", "02-17", "04-18", "05-26", "06-19", "07-04", "09-01", "11-27", "12-25"],
        2026: ["01-01", "01-19", "02-16", "04-03", "05-25", "06-19", "07-03", "09-07", "11-26", "12-25"],
        2027: ["01-01", "01-18", "02-15", "03-26", "05-31", "06-18", "07-05", "09-06", "11-25", "12-24"],
        2028: ["01-17", "02-21", "04-14", "05-29", "06-19", "07-04", "09-04", "11-23", "12-25"],
        2029: ["01-01", "01-15", "02-19", "03-30", "05-28", "06-19", "07-04", "09-03", "11-22", "12-25"],
        2030: ["01-01", "01-21", "02-18", "04-19", "05-27", "06-19", "07-04", "09-02", "11-28", "12-25"],
        2031: ["01-01", "01-20", "02-17", "04-11", "05-26", "06-19", "07-04", "09-01", "11-27", "12-25"],
        2032: ["01-01", "01-19", "02-16", "03-26", "05-31", "06-18", "07-05", "09-06", "11-25", "12-24"],
        2033: ["01-17", "02-21", "04-15", "05-30", "06-20", "07-04", "09-05", "11-24", "12-26"],
        2034: ["01-02", "01-16", "02-20", "04-07", "05-29", "06-19", "07-04", "09-04", "11-23", "12-25"],
        2035: ["01-01", "01-15", "02-19", "03-23", "05-28", "06-19", "07-04", "09-03", "11-22", "12-25"],
        2036: ["01-01", "01-21", "02-18", "04-11", "05-26", "06-19", "07-04", "09-01", "11-27", "12-25"],
        2037: ["01-01", "01-19", "02-16", "04-03", "05-25", "06-19", "07-03", "09-07", "11-26", "12-25"],
        2038: ["01-01", "01-18", "02-15", "04-23", "05-31", "06-18", "07-05", "09-06", "11-25", "12-24"],
        2039: ["01-17", "02-21", "04-08", "05-30", "06-20", "07-04", "09-05", "11-24", "12-26"],
        2040: ["01-02", "01-16", "02-20", "03-30", "05-28", "06-19", "07-04", "09-03", "11-22", "12-25"],
    ]

    @Test("every holiday 2000–2040 matches the independent table", arguments: 2000...2040)
    func wholeYear(year: Int) throws {
        let expected = try #require(Self.publishedHolidays[year]).map { CalendarTestSupport.date("\(year)-\($0)") }
        #expect(nyse.holidays(in: year).map(\.date) == expected)
        // And the calendar closes exactly those weekdays plus the unscheduled closures.
        let unscheduled = Set(nyse.unscheduledClosures.map(\.date))
        var closedWeekdays: [CalendarDate] = []
        for number in CalendarTestSupport.date("\(year)-01-01")
            .dayNumber...CalendarTestSupport.date("\(year)-12-31")
            .dayNumber
        {
            let date = CalendarDate(dayNumber: number)
            if !date.isWeekend, !nyse.isTradingDay(date), !unscheduled.contains(date) { closedWeekdays.append(date) }
        }
        #expect(closedWeekdays == expected)
    }
}
