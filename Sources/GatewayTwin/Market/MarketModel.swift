import FoundationEssentials

/// One instrument's top of book and session statistics, prices in millionths (see `TwinMicros`).
struct TwinQuote: Sendable, Hashable {
    var lastMicros: Int64
    var bidMicros: Int64
    var askMicros: Int64
    var bidSize: Int = 300
    var askSize: Int = 200
    var lastSize: Int = 100
    var volume: Int = 0
    var openMicros: Int64
    var highMicros: Int64
    var lowMicros: Int64
    var priorCloseMicros: Int64
    var updatedAt: Date
    /// Trading halted: the last price shows the `H` prefix and nothing fills.
    var halted = false

    var last: Decimal { TwinMicros.decimal(lastMicros) }
    var bid: Decimal { TwinMicros.decimal(bidMicros) }
    var ask: Decimal { TwinMicros.decimal(askMicros) }
    var open: Decimal { TwinMicros.decimal(openMicros) }
    var high: Decimal { TwinMicros.decimal(highMicros) }
    var low: Decimal { TwinMicros.decimal(lowMicros) }
    var priorClose: Decimal { TwinMicros.decimal(priorCloseMicros) }
}

/// Instruments and their quotes. Prices move only when set explicitly or by the seeded random walk.
struct MarketModel: Sendable {
    private(set) var instruments: [Int: TwinInstrument] = [:]
    private(set) var quotes: [Int: TwinQuote] = [:]
    /// Conids in ascending order, so every loop over instruments is deterministic.
    private(set) var conids: [Int] = []
    /// Half of each instrument's spread in millionths, computed once.
    private var halfSpreads: [Int: Int64] = [:]
    /// Each instrument's tick in millionths, computed once (the random walk and trailing stops use it per update).
    private(set) var ticks: [Int: Int64] = [:]
    /// Shares per update by conid, for instruments with limited liquidity.
    private var liquidities: [Int: Decimal] = [:]

    init(instruments: [TwinInstrument], at date: Date) {
        for instrument in instruments {
            guard let price = TwinMicros.from(instrument.initialPrice), price > 0 else { continue }
            self.instruments[instrument.conid] = instrument
            let half = (TwinMicros.from(instrument.spread) ?? 0) / 2
            halfSpreads[instrument.conid] = half
            ticks[instrument.conid] = TwinMicros.from(instrument.tick)
            liquidities[instrument.conid] = instrument.liquidityPerUpdate
            quotes[instrument.conid] = TwinQuote(
                lastMicros: price, bidMicros: price - half, askMicros: price + half, openMicros: price,
                highMicros: price, lowMicros: price,
                priorCloseMicros: TwinMicros.from(instrument.priorClose) ?? price, updatedAt: date)
        }
        conids = self.instruments.keys.sorted()
    }

    func instrument(symbol: String) -> TwinInstrument? {
        let wanted = symbol.uppercased()
        return conids.lazy.compactMap { instruments[$0] }.first { $0.symbol == wanted }
    }

    /// Sets a trade price; bid and ask default to the instrument's spread around it. False for an unknown conid
    /// or a price out of range.
    mutating func setPrice(conid: Int, last: Decimal, bid: Decimal?, ask: Decimal?, size: Int, at date: Date) -> Bool {
        guard let lastMicros = TwinMicros.from(last) else { return false }
        return setPrice(
            conid: conid, lastMicros: lastMicros, bidMicros: bid.flatMap(TwinMicros.from),
            askMicros: ask.flatMap(TwinMicros.from), size: size, at: date)
    }

    /// The same in millionths: the hot path of every price update.
    mutating func setPrice(
        conid: Int, lastMicros: Int64, bidMicros: Int64?, askMicros: Int64?, size: Int, at date: Date
    ) -> Bool {
        guard var quote = quotes[conid], let half = halfSpreads[conid] else { return false }
        quote.lastMicros = lastMicros
        quote.bidMicros = bidMicros ?? (lastMicros - half)
        quote.askMicros = askMicros ?? (lastMicros + half)
        quote.highMicros = max(quote.highMicros, lastMicros)
        quote.lowMicros = min(quote.lowMicros, lastMicros)
        let added = max(0, size)
        quote.lastSize = added
        let (total, overflow) = quote.volume.addingReportingOverflow(added)
        quote.volume = overflow ? Int.max : total
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
            quote.openMicros = quote.lastMicros
            quote.highMicros = quote.lastMicros
            quote.lowMicros = quote.lastMicros
            quote.volume = 0
            quotes[conid] = quote
        }
    }

    /// Ends a session: today's last becomes the prior close.
    mutating func endSession() {
        for conid in conids {
            guard var quote = quotes[conid] else { continue }
            quote.priorCloseMicros = quote.lastMicros
            quotes[conid] = quote
        }
    }
}
