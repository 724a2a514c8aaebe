import FoundationEssentials

/// The output of `valet calendar FROM TO [--json]`: every trading day in a range with its open and close.
///
/// Text: one line per trading day, `DATE OPEN CLOSE`, the instants in ISO 8601 with the exchange's UTC offset,
/// e.g. `2026-11-27 2026-11-27T09:30:00-05:00 2026-11-27T13:00:00-05:00`. JSON: an array of
/// `{"close","date","open"}` objects with sorted keys. Pure: same input, same bytes.
public enum CalendarReport {
    /// The years a report may cover: from when the calendar's rules hold (2000) to a bound that keeps output
    /// small. The calendar is checked against the exchange's published calendars for 2000–2040.
    public static let supportedYears: ClosedRange<Int> = 2000...2100

    /// One trading day as written in the JSON report.
    public struct Entry: Codable, Hashable, Sendable {
        public let date: String
        public let open: String
        public let close: String

        public init(date: String, open: String, close: String) {
            self.date = date
            self.open = open
            self.close = close
        }
    }

    /// Parses the FROM and TO arguments (`YYYY-MM-DD`, FROM ≤ TO, both inside `supportedYears`).
    public static func parseRange(from: String, to: String) throws(CalendarReportError) -> ClosedRange<CalendarDate> {
        let start = try parseDate(from, argument: "FROM")
        let end = try parseDate(to, argument: "TO")
        guard start <= end else {
            throw CalendarReportError(
                code: .reversedRange,
                message: "FROM (\(start)) is after TO (\(end)): give the earlier date first, e.g. \(end) \(start)")
        }
        return start...end
    }

    /// The entries of every trading day in `range`.
    public static func entries(
        in range: ClosedRange<CalendarDate>, calendar: ExchangeCalendar = .nyse
    ) -> [Entry] {
        calendar.sessions(from: range.lowerBound, to: range.upperBound).map { session in
            Entry(
                date: session.date.description, open: calendar.iso8601(session.open),
                close: calendar.iso8601(session.close))
        }
    }

    /// The text report: one `DATE OPEN CLOSE` line per trading day, each ending in a newline.
    public static func text(in range: ClosedRange<CalendarDate>, calendar: ExchangeCalendar = .nyse) -> String {
        entries(in: range, calendar: calendar).map { "\($0.date) \($0.open) \($0.close)\n" }.joined()
    }

    /// The JSON report: an array of `{"close","date","open"}` with sorted keys, followed by a newline.
    public static func json(in range: ClosedRange<CalendarDate>, calendar: ExchangeCalendar = .nyse) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding an array of string-only structs cannot fail; an empty array is the honest fallback.
        let data = (try? encoder.encode(entries(in: range, calendar: calendar))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Parses the arguments and renders the report: what `valet calendar FROM TO [--json]` prints.
    public static func render(
        from: String, to: String, json asJSON: Bool, calendar: ExchangeCalendar = .nyse
    ) throws(CalendarReportError) -> String {
        let range = try parseRange(from: from, to: to)
        return asJSON ? json(in: range, calendar: calendar) : text(in: range, calendar: calendar)
    }

    private static func parseDate(_ text: String, argument: String) throws(CalendarReportError) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw CalendarReportError(
                code: .invalidDate,
                message: "\(argument) \"\(text)\" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-27")
        }
        guard supportedYears.contains(date.year) else {
            throw CalendarReportError(
                code: .outOfRange,
                message: "\(argument) \(date) is outside the years the calendar covers "
                    + "(\(supportedYears.lowerBound)–\(supportedYears.upperBound))")
        }
        return date
    }
}
