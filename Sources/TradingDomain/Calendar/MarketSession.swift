import FoundationEssentials

/// One trading day of an exchange: its local date and the instants its regular session opens and closes.
public struct MarketSession: Hashable, Sendable {
    /// The exchange's local date.
    public let date: CalendarDate
    /// The instant the regular session opens (inclusive).
    public let open: Date
    /// The instant the regular session closes (exclusive: at `close` the market is closed).
    public let close: Date
    /// True when the session closes before the regular close (13:00 instead of 16:00 for NYSE).
    public let isEarlyClose: Bool
    /// Why the session closes early ("Day after Thanksgiving"), nil on a full day.
    public let earlyCloseName: String?

    public init(date: CalendarDate, open: Date, close: Date, isEarlyClose: Bool, earlyCloseName: String? = nil) {
        self.date = date
        self.open = open
        self.close = close
        self.isEarlyClose = isEarlyClose
        self.earlyCloseName = earlyCloseName
    }

    /// True when `instant` is inside the session: `open <= instant < close`.
    public func contains(_ instant: Date) -> Bool {
        open <= instant && instant < close
    }
}
