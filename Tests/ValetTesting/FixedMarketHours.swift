import FoundationEssentials
import TradingDomain

/// Market hours fixed by the test: the regular session is open, or not, at every instant.
public struct FixedMarketHours: MarketHours {
    public var open: Bool

    public init(open: Bool) {
        self.open = open
    }

    public func isRegularSession(at instant: Date) -> Bool { open }
}
