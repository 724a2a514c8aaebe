import Foundation

@testable import TradingDomain

/// Test shorthands: dates and instants written as literals in the tables.
enum CalendarTestSupport {
    /// A `YYYY-MM-DD` literal from a test table (a typo in a table is a test bug and stops the test loudly).
    static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { preconditionFailure("bad date literal \(text)") }
        return date
    }

    /// A UTC instant written `YYYY-MM-DDTHH:MM:SSZ`.
    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let instant = formatter.date(from: text) else { preconditionFailure("bad instant literal \(text)") }
        return instant
    }
}
