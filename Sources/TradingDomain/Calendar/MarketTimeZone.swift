import FoundationEssentials

/// The clock a market keeps: New York time from the US daylight-saving rules, or UTC.
///
/// Written out as rules instead of asking Foundation's `TimeZone`, because on Linux a named zone needs ICU
/// (the full Foundation, about 7 MiB more resident memory for the server) and the answer must not depend on a
/// tz database the machine may lack. The rules are checked against ICU's America/New_York for every hour
/// 1970–2100 in the tests.
public struct MarketTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The IANA name, e.g. `America/New_York`.
    public let identifier: String
    private let followsUSDaylightSaving: Bool

    /// Eastern time: UTC−5, UTC−4 while US daylight-saving time is in force.
    public static let newYork = MarketTimeZone(identifier: "America/New_York", followsUSDaylightSaving: true)
    /// Coordinated Universal Time.
    public static let utc = MarketTimeZone(identifier: "UTC", followsUSDaylightSaving: false)

    /// The names accepted by `init?(identifier:)`, for error messages.
    public static let supportedIdentifiers = ["America/New_York", "US/Eastern", "UTC", "Etc/UTC", "GMT"]

    private init(identifier: String, followsUSDaylightSaving: Bool) {
        self.identifier = identifier
        self.followsUSDaylightSaving = followsUSDaylightSaving
    }

    /// The zone named `identifier` (one of `supportedIdentifiers`), or nil.
    public init?(identifier: String) {
        switch identifier {
        case "America/New_York", "US/Eastern": self = .newYork
        case "UTC", "Etc/UTC", "GMT": self = .utc
        default: return nil
        }
    }

    public var description: String { identifier }

    /// Seconds to add to UTC to get local time at `date`.
    public func secondsFromGMT(for date: Date) -> Int {
        guard followsUSDaylightSaving else { return 0 }
        let seconds = Self.wholeSeconds(date)
        let year = CalendarDate(dayNumber: Self.floorDivide(seconds, 86_400)).year
        guard let (start, end) = Self.daylightSaving(in: year) else { return -5 * 3600 }
        return start <= seconds && seconds < end ? -4 * 3600 : -5 * 3600
    }

    /// The local calendar day that contains `date`.
    public func localDate(of date: Date) -> CalendarDate {
        CalendarDate(dayNumber: Self.floorDivide(Self.wholeSeconds(date) + secondsFromGMT(for: date), 86_400))
    }

    /// The instants from local midnight of the day containing `date` to the next local midnight.
    public func dayInterval(containing date: Date) -> DateInterval {
        let day = localDate(of: date)
        return DateInterval(start: midnight(of: day), end: midnight(of: day.adding(days: 1)))
    }

    /// The instant of local midnight starting `day` (midnight always exists: the US switches at 02:00).
    public func midnight(of day: CalendarDate) -> Date {
        instant(localSeconds: day.dayNumber * 86_400)
    }

    /// The instant the local clock reads `localSeconds` (seconds since 1970-01-01 00:00 local). The offset depends
    /// on the instant sought: guess with the offset at the wall-clock value read as UTC, then correct once. Exact
    /// for every time that exists and is not repeated (midnights and all session times).
    public func instant(localSeconds: Int) -> Date {
        let guess = localSeconds - secondsFromGMT(for: Date(timeIntervalSince1970: Double(localSeconds)))
        let offset = secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess)))
        return Date(timeIntervalSince1970: Double(localSeconds - offset))
    }

    /// Daylight-saving time in `year` as UTC seconds [start, end), or nil for a year without it here.
    /// 2007 on: second Sunday of March to first Sunday of November; 1987–2006: first Sunday of April to last
    /// Sunday of October; 1967–1986: last Sunday of April to last Sunday of October, except the 1974 and 1975
    /// energy-crisis years. The switch is at 02:00 local time: 07:00 UTC in spring and 06:00 UTC in autumn.
    static func daylightSaving(in year: Int) -> (start: Int, end: Int)? {
        let start: CalendarDate
        let end: CalendarDate
        switch year {
        case 2007...:
            start = .nth(2, .sunday, ofMonth: 3, year: year)
            end = .nth(1, .sunday, ofMonth: 11, year: year)
        case 1987...2006:
            start = .nth(1, .sunday, ofMonth: 4, year: year)
            end = .last(.sunday, ofMonth: 10, year: year)
        case 1974:
            start = CalendarDate(unchecked: 1974, 1, 6)
            end = .last(.sunday, ofMonth: 10, year: year)
        case 1975:
            start = CalendarDate(unchecked: 1975, 2, 23)
            end = .last(.sunday, ofMonth: 10, year: year)
        case 1967...1986:
            start = .last(.sunday, ofMonth: 4, year: year)
            end = .last(.sunday, ofMonth: 10, year: year)
        default:
            return nil
        }
        return (start.dayNumber * 86_400 + 7 * 3600, end.dayNumber * 86_400 + 6 * 3600)
    }

    /// Whole seconds since 1970 at or before `date`, clamped so the conversion to `Int` never traps.
    static func wholeSeconds(_ date: Date) -> Int {
        let raw = date.timeIntervalSince1970
        return raw.isNaN ? 0 : Int(min(max(raw.rounded(.down), -1e15), 1e15))
    }

    /// Division rounding toward negative infinity.
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }
}
