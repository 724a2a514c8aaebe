import FoundationEssentials

/// Whether an exchange's regular session is open at an instant, why, and when it next opens and closes.
public struct MarketStatus: Hashable, Sendable, CustomStringConvertible {
    /// Where the instant falls relative to the local day's session.
    public enum Phase: Hashable, Sendable {
        /// Inside the regular session.
        case open
        /// A trading day, before the open.
        case beforeOpen
        /// A trading day, at or after the close (early or regular).
        case afterClose
        /// No session at all that day.
        case closedAllDay(ClosureReason)
    }

    /// The instant asked about.
    public let instant: Date
    /// The exchange's local date at that instant.
    public let date: CalendarDate
    public let phase: Phase
    /// The session of the local date, nil when the exchange is closed all day.
    public let session: MarketSession?
    /// The first session open strictly after the instant (the next trading day's when open now), nil only if
    /// none was found within a year.
    public let nextOpen: Date?
    /// The next close after the instant: today's when open or before the open, otherwise the next session's.
    public let nextClose: Date?

    public init(
        instant: Date, date: CalendarDate, phase: Phase, session: MarketSession?, nextOpen: Date?, nextClose: Date?
    ) {
        self.instant = instant
        self.date = date
        self.phase = phase
        self.session = session
        self.nextOpen = nextOpen
        self.nextClose = nextClose
    }

    /// True inside the regular session.
    public var isOpen: Bool { phase == .open }

    /// A sentence for people and agents: "closed (holiday: Good Friday)", "open, early close today".
    public var description: String {
        switch phase {
        case .open:
            return session?.isEarlyClose == true ? "open (early close today)" : "open"
        case .beforeOpen:
            return "closed (before the open)"
        case .afterClose:
            return session?.isEarlyClose == true ? "closed (after today's early close)" : "closed (after the close)"
        case .closedAllDay(let reason):
            return "closed (\(reason))"
        }
    }
}
