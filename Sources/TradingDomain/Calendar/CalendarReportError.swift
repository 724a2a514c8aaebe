import FoundationEssentials

/// Why `valet calendar FROM TO` cannot print a report, with a message that says what to type instead.
public struct CalendarReportError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// FROM or TO is not a real date in the form YYYY-MM-DD.
        case invalidDate = "invalid_date"
        /// FROM is after TO.
        case reversedRange = "reversed_range"
        /// A date outside the years the calendar answers for.
        case outOfRange = "out_of_range"
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
