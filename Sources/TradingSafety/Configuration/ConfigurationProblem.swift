import FoundationEssentials

/// One reason the configuration cannot be used: which key (or `.env` line), what is wrong, what is allowed.
public struct ConfigurationProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A `.env` line that is not `KEY=value`, a comment or blank.
        case malformedLine = "malformed_line"
        /// A value the key does not accept (not a number, negative cap, unknown mode, bad URL, …).
        case invalidValue = "invalid_value"
        /// Two keys that are valid alone but contradict each other (open after close).
        case conflictingValues = "conflicting_values"
        /// No place for the trade journal: neither XDG_DATA_HOME, HOME nor TRADE_JOURNAL_PATH is usable.
        case missingDataDirectory = "missing_data_directory"
        /// The `.env` file exists but cannot be read.
        case unreadableFile = "unreadable_file"
    }

    public let code: Code
    /// The setting concerned, nil for problems of a `.env` line or file.
    public let key: String?
    /// What failed, why, and what is allowed.
    public let message: String

    public init(code: Code, key: String?, message: String) {
        self.code = code
        self.key = key
        self.message = message
    }

    public var description: String { message }
}
