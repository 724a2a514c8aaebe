import FoundationEssentials

/// Why an exchange has no session on a date.
public enum ClosureReason: Hashable, Sendable, CustomStringConvertible {
    /// Saturday or Sunday.
    case weekend
    /// A full-day holiday set by rule (the name says which, e.g. "Independence Day (observed)").
    case holiday(String)
    /// A closure decided at short notice (national day of mourning, hurricane, attack), kept as data.
    case unscheduledClosure(String)

    public var description: String {
        switch self {
        case .weekend: return "weekend"
        case .holiday(let name): return "holiday: \(name)"
        case .unscheduledClosure(let name): return "unscheduled closure: \(name)"
        }
    }
}
