/// Scheduled moments of the simulated day.
enum TwinEvent: Sendable, Hashable {
    /// 04:00 local: `outsideRTH` orders may start filling.
    case extendedOpen
    /// 09:30 local: the regular session opens.
    case regularOpen
    /// 16:00 local: DAY orders expire, the session's last becomes the prior close.
    case regularClose
    /// 20:00 local: extended hours end.
    case extendedClose
    /// The nightly brokerage reset (default 01:00 America/New_York).
    case nightlyReset
    /// A cancel request takes effect (the order showed `PendingCancel` until now and could still fill).
    case cancelTakesEffect(orderId: Int)

    /// A delayed brokerage opening (after `ssodh/init` or `reauthenticate`) completes.
    case brokerageOpens(generation: Int)

    /// True for the events of the daily cycle, which schedule their next occurrence.
    var recurs: Bool {
        switch self {
        case .cancelTakesEffect, .brokerageOpens: return false
        default: return true
        }
    }
}
