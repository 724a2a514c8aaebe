import FoundationEssentials

/// An instrument of a scenario and the prices it goes through.
public struct ScenarioInstrument: Sendable, Equatable {
    public var symbol: String
    /// IBKR contract id; nil lets the target use its built-in listing for the symbol.
    public var conid: Int?
    /// Every price update, in time order (bars and fixtures are expanded into ticks when decoded).
    public var ticks: [PriceTick]
    /// Shares that can trade per price update (nil: unlimited), so larger orders fill in parts.
    public var liquidity: Decimal?

    public init(symbol: String, conid: Int? = nil, ticks: [PriceTick] = [], liquidity: Decimal? = nil) {
        self.symbol = symbol
        self.conid = conid
        self.ticks = ticks
        self.liquidity = liquidity
    }
}

/// One price update at a virtual instant.
public struct PriceTick: Sendable, Equatable {
    public var at: Date
    public var last: Decimal
    public var bid: Decimal?
    public var ask: Decimal?

    public init(at: Date, last: Decimal, bid: Decimal? = nil, ask: Decimal? = nil) {
        self.at = at
        self.last = last
        self.bid = bid
        self.ask = ask
    }
}

/// One OHLC bar. A bar becomes four ticks a quarter of its interval apart: open, then the extreme nearer the open's
/// direction (low first for a rising bar, high first for a falling one, as backtesters assume), the other extreme,
/// and the close.
public struct PriceBar: Sendable, Equatable {
    public var at: Date
    public var interval: TimeInterval
    public var open: Decimal
    public var high: Decimal
    public var low: Decimal
    public var close: Decimal

    public init(at: Date, interval: TimeInterval, open: Decimal, high: Decimal, low: Decimal, close: Decimal) {
        self.at = at
        self.interval = interval
        self.open = open
        self.high = high
        self.low = low
        self.close = close
    }

    /// The four ticks the bar stands for.
    public var ticks: [PriceTick] {
        let quarter = interval / 4
        let middle = close >= open ? [low, high] : [high, low]
        return [open, middle[0], middle[1], close].enumerated().map { offset, price in
            PriceTick(at: at.addingTimeInterval(quarter * Double(offset)), last: price)
        }
    }
}
