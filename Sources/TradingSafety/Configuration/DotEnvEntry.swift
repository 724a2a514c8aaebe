import FoundationEssentials

/// One `KEY=value` assignment read from a `.env` file.
public struct DotEnvEntry: Hashable, Sendable {
    /// The key as written (case kept; settings match keys case-insensitively).
    public let key: String
    /// The value after quotes and escapes are resolved.
    public let value: String
    /// The 1-based line number the assignment starts on.
    public let line: Int

    public init(key: String, value: String, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }
}
