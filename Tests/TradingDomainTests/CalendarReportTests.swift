import Foundation
import Testing

@testable import TradingDomain

/// The `valet calendar FROM TO [--json]` output and its argument errors.
@Suite("Calendar report")
struct CalendarReportTests {
    @Test("text: one DATE OPEN CLOSE line per trading day, holidays and weekends skipped")
    func text() throws {
        let output = try CalendarReport.render(from: "2026-11-25", to: "2026-11-30", json: false)
        #expect(
            output == """
                2026-11-25 2026-11-25T09:30:00-05:00 2026-11-25T16:00:00-05:00
                2026-11-27 2026-11-27T09:30:00-05:00 2026-11-27T13:00:00-05:00
                2026-11-30 2026-11-30T09:30:00-05:00 2026-11-30T16:00:00-05:00

                """)
    }

    @Test("JSON: an array of {close, date, open} with sorted keys")
    func json() throws {
        let output = try CalendarReport.render(from: "2026-07-02", to: "2026-07-06", json: true)
        #expect(
            output
                == #"[{"close":"2026-07-02T16:00:00-04:00","date":"2026-07-02","open":"2026-07-02T09:30:00-04:00"},"#
                + #"{"close":"2026-07-06T16:00:00-04:00","date":"2026-07-06","open":"2026-07-06T09:30:00-04:00"}]"#
                + "\n")
    }

    @Test("a range without trading days prints nothing (text) or an empty array (JSON)")
    func empty() throws {
        #expect(try CalendarReport.render(from: "2026-11-28", to: "2026-11-29", json: false) == "")
        #expect(try CalendarReport.render(from: "2026-11-28", to: "2026-11-29", json: true) == "[]\n")
    }

    @Test("a single day works")
    func singleDay() throws {
        #expect(
            try CalendarReport.render(from: "2025-12-24", to: "2025-12-24", json: false)
                == "2025-12-24 2025-12-24T09:30:00-05:00 2025-12-24T13:00:00-05:00\n")
    }

    static let badArguments: [(String, String, CalendarReportError.Code, String)] = [
        ("2026-13-01", "2026-12-31", .invalidDate, "FROM \"2026-13-01\" is not a date"),
        ("2026-01-01", "2026-02-30", .invalidDate, "TO \"2026-02-30\" is not a date"),
        ("2023-02-29", "2023-03-01", .invalidDate, "FROM \"2023-02-29\""),
        ("26-01-01", "2026-02-01", .invalidDate, "write it as YYYY-MM-DD"),
        ("2026/01/01", "2026-02-01", .invalidDate, "YYYY-MM-DD"),
        ("", "2026-02-01", .invalidDate, "FROM \"\""),
        ("2026-1-01", "2026-02-01", .invalidDate, "FROM"),
        ("2026-12-31", "2026-01-01", .reversedRange, "FROM (2026-12-31) is after TO (2026-01-01)"),
        ("1999-12-31", "2000-01-03", .outOfRange, "FROM 1999-12-31 is outside"),
        ("2026-01-01", "2101-01-01", .outOfRange, "TO 2101-01-01 is outside"),
    ]

    @Test("bad FROM/TO give a clear error", arguments: badArguments)
    func badArgument(from: String, to: String, code: CalendarReportError.Code, fragment: String) {
        do {
            _ = try CalendarReport.render(from: from, to: to, json: false)
            Issue.record("expected an error for \(from) \(to)")
        } catch {
            #expect(error.code == code)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("a leap day parses")
    func leapDay() throws {
        let range = try CalendarReport.parseRange(from: "2024-02-29", to: "2024-02-29")
        #expect(range.lowerBound == CalendarTestSupport.date("2024-02-29"))
    }
}
