import FoundationEssentials

/// When the market holds its regular session (the exchange calendar conforms to it).
public protocol MarketHours: Sendable {
    /// True when `instant` lies inside a regular trading session (holidays and early closes included).
    func isRegularSession(at instant: Date) -> Bool
}
