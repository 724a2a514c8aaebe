import FoundationEssentials

/// How much Valet logs to stderr (LOG_LEVEL), from most to least verbose.
public enum LogLevel: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    case debug
    case info
    case warning
    case error
    case critical

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
