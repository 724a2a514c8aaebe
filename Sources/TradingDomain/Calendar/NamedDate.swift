import FoundationEssentials

/// A date with the name of what happens on it ("Good Friday", "Hurricane Sandy").
public struct NamedDate: Hashable, Sendable, Codable, CustomStringConvertible {
    public let date: CalendarDate
    public let name: String

    public init(date: CalendarDate, name: String) {
        self.date = date
        self.name = name
    }

    /// `YYYY-MM-DD name`.
    public var description: String { "\(date) \(name)" }
}
