import Foundation

/// One instrument's top of book and session statistics.
struct TwinQuote: Sendable, Hashable {
    var last: Decimal
    var bid: Decimal
    var ask: Decimal
    var bidSize: Int = 300
    var askSize: Int = 200
    var lastSize: Int = 100
    var volume: Int = 0
    var open: Decimal
    var high: Decimal
    var low: Decimal
    var priorClose: Decimal
    var updatedAt: Date
    /// Trading halted: the last price shows the `H` prefix and nothing fills.
    var halted = false
}

/// Instruments and their quotes. Prices move only when set explicitly or by the seeded random walk.
struct MarketModel: Sendable {
    private(set) var instruments: [Int: TwinInstrument] = [:]
    private(set) var quotes: [Int: TwinQuote] = [:]
    /// Conids in ascending order, so every loop over instruments is deterministic.
    private(set) var conids: [Int] = []
    /// Half of each instrument's spread, computed once (decimal division is slow on the hot path).
    private var halfSpreads: [Int: Decimal] = [:]
    /// Shares per update by conid, for instruments with limited liquidity.
    private var liquidities: [Int: Decimal] = [:]

    init(instruments: [TwinInstrument], at date: Date) {
        for instrument in instruments {
            self.instruments[instrument.conid] = instrument
            let half = instrument.spread / 2
            halfSpreads[instrument.conid] = half
            liquidities[instrument.conid] = instrument.liquidityPerUpdate
            quotes[instrument.conid] = TwinQuote(
                last: instrument.initialPrice, bid: instrument.initialPrice - half,
                ask: instrument.initialPrice + half, open: instrument.initialPrice, high: instrument.initialPrice,
                low: instrument.initialPrice, priorClose: instrument.priorClose, updatedAt: date)
        }
        conids = self.instruments.keys.sorted()
    }

    func instrument(symbol: String) -> TwinInstrument? {
        let wanted = symbol.uppercased()
        return conids.lazy.compactMap { instruments[$0] }.first { $0.symbol == wanted }
    }

    /// Sets a trade price; bid and ask default to the instrument's spread around it.
    mutating func setPrice(conid: Int, last: Decimal, bid: Decimal?, ask: Decimal?, size: Int, at date: Date) -> Bool {
        guard var quote = quotes[conid], let half = halfSpreads[conid] else { return false }
        quote.last = last
        quote.bid = bid ?? (last - half)
        quote.ask = ask ?? (last + half)
        quote.high = max(quote.high, last)
        quote.low = min(quote.low, last)
        quote.lastSize = max(0, size)
        quote.volume =
            quote.volume.addingReportingOverflow(max(0, size)).overflow ? Int.max : quote.volume + max(0, size)
        quote.updatedAt = date
        quotes[conid] = quote
        return true
    }

    /// Shares one price update can fill, or nil when unlimited.
    func liquidity(conid: Int) -> Decimal? {
        liquidities[conid]
    }

    /// Halts or resumes trading in one instrument.
    mutating func setHalted(conid: Int, halted: Bool) -> Bool {
        guard quotes[conid] != nil else { return false }
        quotes[conid]?.halted = halted
        return true
    }

    /// Starts a new session's statistics at the open: open/high/low from the last price, volume zero.
    mutating func beginSession() {
        for conid in conids {
            guard var quote = quotes[conid] else { continue }
            quote.open = quote.last
            quote.high = quote.last
            quote.low = quote.last
            quote.volume = 0
            quotes[conid] = quote
        }
    }

    /// Ends a session: today's last becomes the prior close.
    mutating func endSession() {
        for conid in conids {
            guard var quote = quotes[conid] else { continue }
            quote.priorClose = quote.last
            quotes[conid] = quote
        }
    }
}
