import FoundationEssentials

/// What an exchange does on one local date: a session, or closed with a reason.
public enum CalendarDay: Hashable, Sendable {
    case open(MarketSession)
    case closed(CalendarDate, ClosureReason)

    /// The local date.
    public var date: CalendarDate {
        switch self {
        case .open(let session): return session.date
        case .closed(let date, _): return date
        }
    }

    /// The session, nil when closed.
    public var session: MarketSession? {
        if case .open(let session) = self { return session }
        return nil
    }

    /// Why the exchange is closed, nil when it has a session.
    public var closureReason: ClosureReason? {
        if case .closed(_, let reason) = self { return reason }
        return nil
    }
}
