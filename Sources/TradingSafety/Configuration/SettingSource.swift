import FoundationEssentials

/// Where a setting's value came from.
public enum SettingSource: Hashable, Sendable, CustomStringConvertible {
    /// The process environment (which wins over `.env`).
    case environment
    /// A line of the `.env` file.
    case dotEnv(line: Int)
    /// Neither set it (or the value was blank): the documented default.
    case defaultValue

    public var description: String {
        switch self {
        case .environment: return "environment"
        case .dotEnv(let line): return ".env line \(line)"
        case .defaultValue: return "default"
        }
    }
}
