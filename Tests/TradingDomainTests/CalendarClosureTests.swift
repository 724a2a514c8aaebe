import Foundation
import Testing

@testable import TradingDomain

/// Unscheduled closures (data) and weekends.
@Suite("Calendar unscheduled closures")
struct CalendarClosureTests {
    let nyse = ExchangeCalendar.nyse

    static let closureRows: [(String, String)] = [
        ("2001-09-11", "September 11 attacks"),
        ("2001-09-12", "September 11 attacks"),
        ("2001-09-13", "September 11 attacks"),
        ("2001-09-14", "September 11 attacks"),
        ("2004-06-11", "National Day of Mourning for President Ronald Reagan"),
        ("2007-01-02", "National Day of Mourning for President Gerald Ford"),
        ("2012-10-29", "Hurricane Sandy"),
        ("2012-10-30", "Hurricane Sandy"),
        ("2018-12-05", "National Day of Mourning for President George H. W. Bush"),
        ("2025-01-09", "National Day of Mourning for President Jimmy Carter"),
    ]

    @Test("each unscheduled closure since 2000 closes its day", arguments: closureRows)
    func closure(date: String, name: String) {
        #expect(nyse.closureReason(on: CalendarTestSupport.date(date)) == .unscheduledClosure(name))
        #expect(
            nyse.day(on: CalendarTestSupport.date(date))
                == .closed(CalendarTestSupport.date(date), .unscheduledClosure(name)))
    }

    @Test("the closure list is exactly the table above, in order")
    func closureList() {
        #expect(nyse.unscheduledClosures.map(\.date.description) == Self.closureRows.map(\.0))
    }

    @Test(
        "the market reopened after each closure", arguments: ["2001-09-17", "2004-06-14", "2007-01-03", "2012-10-31"])
    func reopened(date: String) {
        #expect(nyse.isTradingDay(CalendarTestSupport.date(date)))
    }

    @Test("weekends are closed", arguments: ["2026-11-28", "2026-11-29", "2000-01-01", "2040-12-30"])
    func weekend(date: String) {
        #expect(nyse.closureReason(on: CalendarTestSupport.date(date)) == .weekend)
    }
}
