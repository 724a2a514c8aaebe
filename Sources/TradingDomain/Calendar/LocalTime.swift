import FoundationEssentials

/// A wall-clock time of day in an exchange's own time zone (hour 0...23, minute 0...59).
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// A valid time of day, or nil when the hour or minute is out of range.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// A time built from constants known to be valid (exchange definitions).
    init(unchecked hour: Int, _ minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Seconds after local midnight.
    public var secondsAfterMidnight: Int { hour * 3600 + minute * 60 }

    /// `HH:MM`.
    public var description: String { CalendarDate.pad(hour, 2) + ":" + CalendarDate.pad(minute, 2) }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.secondsAfterMidnight < rhs.secondsAfterMidnight
    }
}
