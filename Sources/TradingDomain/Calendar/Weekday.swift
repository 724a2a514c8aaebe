import FoundationEssentials

/// A day of the week; raw values count from Sunday = 0.
public enum Weekday: Int, Sendable, CaseIterable, Codable {
    case sunday = 0
    case monday
    case tuesday
    case wednesday
    case thursday
    case friday
    case saturday
}
