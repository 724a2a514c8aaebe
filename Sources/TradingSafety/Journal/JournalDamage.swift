/// A journal line that could not be read when the journal was opened. It is skipped; every other line still counts.
public struct JournalDamage: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The last line has no newline and does not parse: a write cut short by a crash.
        case tornLastLine = "torn_last_line"
        /// A complete line that is not a journal record.
        case unreadableLine = "unreadable_line"
    }

    public var kind: Kind
    /// 1-based line number in the file.
    public var lineNumber: Int
    /// The start of the line (at most 80 characters), for a person to find it.
    public var excerpt: String
    public var reason: String

    public init(kind: Kind, lineNumber: Int, excerpt: String, reason: String) {
        self.kind = kind
        self.lineNumber = lineNumber
        self.excerpt = excerpt
        self.reason = reason
    }
}
