import Foundation
import TradingDomain

/// What the tools need from the outside world, injected so a twin run, a replay and a live run differ only here.
public struct ToolEnvironment: Sendable {
    /// The wall clock: the system clock live, the virtual clock on the twin.
    public var now: @Sendable () -> Date
    public var calendar: ExchangeCalendar

    public init(now: @escaping @Sendable () -> Date, calendar: ExchangeCalendar = .nyse) {
        self.now = now
        self.calendar = calendar
    }
}
