import FoundationEssentials

/// A market-data snapshot for one instrument. Any price may be missing.
public struct Quote: Sendable, Hashable {
    /// What the last price is: a trade in this session, the prior close, or a price frozen by a halt.
    public enum LastPriceSource: String, Sendable, Hashable, Codable {
        case trade
        case priorClose = "prior_close"
        case halted
    }

    public var symbol: Symbol
    public var contractID: ContractID?
    public var last: Decimal?
    public var lastSource: LastPriceSource?
    public var bid: Decimal?
    public var ask: Decimal?
    /// When the snapshot was taken, if known.
    public var timestamp: Date?

    public init(
        symbol: Symbol, contractID: ContractID? = nil, last: Decimal? = nil, lastSource: LastPriceSource? = nil,
        bid: Decimal? = nil, ask: Decimal? = nil, timestamp: Date? = nil
    ) {
        self.symbol = symbol
        self.contractID = contractID
        self.last = last
        self.lastSource = lastSource
        self.bid = bid
        self.ask = ask
        self.timestamp = timestamp
    }

    /// True when there is no usable price at all.
    public var hasNoPrice: Bool { usable(last) == nil && usable(bid) == nil && usable(ask) == nil }

    /// The highest positive price among last and ask: what a buy may have to pay. Nil without one.
    public var worstBuyPrice: Decimal? {
        [usable(last), usable(ask)].compactMap { $0 }.max()
    }

    /// The lowest positive price among last and bid: what a sell may receive. Nil without one.
    public var worstSellPrice: Decimal? {
        [usable(last), usable(bid)].compactMap { $0 }.min()
    }

    /// The reference market price: the last price, else the bid/ask midpoint, else whichever side exists.
    public var referencePrice: Decimal? {
        if let last = usable(last) { return last }
        switch (usable(bid), usable(ask)) {
        case (let bid?, let ask?): return (bid + ask) / 2
        case (let bid?, nil): return bid
        case (nil, let ask?): return ask
        case (nil, nil): return nil
        }
    }

    private func usable(_ price: Decimal?) -> Decimal? {
        guard let price, price.isFinite, !price.isNaN, price > 0 else { return nil }
        return price
    }
}
