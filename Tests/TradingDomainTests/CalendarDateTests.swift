import Foundation
import Testing

@testable import TradingDomain

/// The integer date arithmetic under the calendar.
@Suite("Calendar dates")
struct CalendarDateTests {
    @Test(
        "day numbers round-trip and match known dates",
        arguments: [
            ("1970-01-01", 0, Weekday.thursday), ("2000-01-01", 10_957, .saturday), ("2000-02-29", 11_016, .tuesday),
            ("1969-12-31", -1, .wednesday), ("2026-11-26", 20_783, .thursday), ("2100-03-01", 47_541, .monday),
        ])
    func dayNumbers(text: String, number: Int, weekday: Weekday) {
        let date = CalendarTestSupport.date(text)
        #expect(date.dayNumber == number)
        #expect(CalendarDate(dayNumber: number) == date)
        #expect(date.weekday == weekday)
        #expect(date.description == text)
    }

    @Test("every day of 1999–2041 round-trips through its day number and agrees with Foundation's weekday")
    func roundTrip() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: "UTC"))
        for number in CalendarTestSupport.date("1999-01-01")
            .dayNumber...CalendarTestSupport.date("2041-12-31").dayNumber
        {
            let date = CalendarDate(dayNumber: number)
            #expect(date.dayNumber == number)
            #expect(CalendarDate(iso: date.description) == date)
            if number % 97 == 0 {
                let instant = Date(timeIntervalSince1970: Double(number) * 86_400)
                #expect(gregorian.component(.weekday, from: instant) - 1 == date.weekday.rawValue)
                #expect(gregorian.component(.day, from: instant) == date.day)
            }
        }
    }

    @Test(
        "invalid dates are rejected",
        arguments: ["2023-02-29", "2100-02-29", "2026-04-31", "2026-00-10", "2026-01-00", "abcd-ef-gh", "2026-01-011"])
    func invalid(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("nth and last weekday helpers")
    func weekdayHelpers() {
        #expect(CalendarDate.nth(4, .thursday, ofMonth: 11, year: 2026) == CalendarTestSupport.date("2026-11-26"))
        #expect(CalendarDate.last(.monday, ofMonth: 5, year: 2026) == CalendarTestSupport.date("2026-05-25"))
        #expect(CalendarDate.nth(1, .monday, ofMonth: 9, year: 2025) == CalendarTestSupport.date("2025-09-01"))
    }

    @Test("JSON encodes a date as its YYYY-MM-DD string and rejects other strings")
    func codable() throws {
        let data = try JSONEncoder().encode([CalendarTestSupport.date("2026-11-27")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11-27"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-11-31"]"#.utf8))
        }
    }
}
