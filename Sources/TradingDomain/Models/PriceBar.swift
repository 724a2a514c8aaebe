import FoundationEssentials

/// One bar of a price history: open, high, low and close over `[start, start + bar length)`, and the volume.
public struct PriceBar: Sendable, Hashable {
    public var start: Date
    public var open: Decimal
    public var high: Decimal
    public var low: Decimal
    public var close: Decimal
    /// As the broker reports it (IBKR gives US stocks' volume in hundreds, cpapi.md §5.2); nil when absent.
    public var volume: Decimal?

    public init(start: Date, open: Decimal, high: Decimal, low: Decimal, close: Decimal, volume: Decimal?) {
        self.start = start
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
