import FoundationEssentials

/// One tradable instrument the twin knows: identity as IBKR reports it, trading rules and its starting quote.
public struct TwinInstrument: Sendable, Hashable {
    public var conid: Int
    public var symbol: String
    public var companyName: String
    /// Primary listing as IBKR names it in contract search (`NASDAQ`, `NYSE`, `ARCA`).
    public var listingExchange: String
    /// Listing as live orders name it (`NASDAQ.NMS` for NASDAQ stocks).
    public var orderListingExchange: String
    /// `COMMON`, `ETF`, …
    public var type: String
    public var industry: String
    /// HTML-entity encoded as in real `/trsrv/stocks` answers, or nil.
    public var chineseName: String?
    /// Decimal places allowed for fractional sizes (4 for US stocks, 0 when not fractionable).
    public var fraqInt: Int
    /// Minimum price increment.
    public var tick: Decimal
    /// Starting last price.
    public var initialPrice: Decimal
    /// Previous session's close (field 7741 and the `C` prefix).
    public var priorClose: Decimal
    /// Distance between bid and ask.
    public var spread: Decimal
    /// Field 6509 (`RpB` real-time, `DPB` delayed, …).
    public var availability: String
    /// False: the snapshot never carries prices and orders raise o354.
    public var hasMarketData: Bool
    /// Shares filled per price update when limited (partial fills); nil means unlimited.
    public var liquidityPerUpdate: Decimal?

    public init(
        conid: Int, symbol: String, companyName: String, listingExchange: String,
        orderListingExchange: String? = nil, type: String = "COMMON", industry: String = "",
        chineseName: String? = nil, fraqInt: Int = 4, tick: Decimal = Decimal(string: "0.01") ?? 0,
        initialPrice: Decimal, priorClose: Decimal? = nil, spread: Decimal = Decimal(string: "0.02") ?? 0,
        availability: String = "RpB", hasMarketData: Bool = true, liquidityPerUpdate: Decimal? = nil
    ) {
        self.conid = conid
        self.symbol = symbol
        self.companyName = companyName
        self.listingExchange = listingExchange
        self.orderListingExchange =
            orderListingExchange ?? (listingExchange == "NASDAQ" ? "NASDAQ.NMS" : listingExchange)
        self.type = type
        self.industry = industry
        self.chineseName = chineseName
        self.fraqInt = fraqInt
        self.tick = tick
        self.initialPrice = initialPrice
        self.priorClose = priorClose ?? initialPrice
        self.spread = spread
        self.availability = availability
        self.hasMarketData = hasMarketData
        self.liquidityPerUpdate = liquidityPerUpdate
    }

    private static func price(_ text: String) -> Decimal { Decimal(string: text) ?? 0 }

    /// Built-in US listings with their real conids (cpapi.md §4.1); prices are plausible starting points.
    public static let builtIn: [TwinInstrument] = [
        TwinInstrument(
            conid: 265598, symbol: "AAPL", companyName: "APPLE INC", listingExchange: "NASDAQ",
            industry: "Computers", chineseName: "&#x82F9;&#x679C;&#x516C;&#x53F8;", initialPrice: price("190.00"),
            priorClose: price("189.50")),
        TwinInstrument(
            conid: 272093, symbol: "MSFT", companyName: "MICROSOFT CORP", listingExchange: "NASDAQ",
            industry: "Technology", initialPrice: price("410.00"), priorClose: price("408.20")),
        TwinInstrument(
            conid: 756733, symbol: "SPY", companyName: "SPDR S&P 500 ETF TRUST", listingExchange: "ARCA",
            type: "ETF", industry: "Funds", chineseName: "SPDR&#x6807;&#x666E;500 ETF&#x4FE1;&#x6258;",
            initialPrice: price("500.00"), priorClose: price("498.75")),
        TwinInstrument(
            conid: 8314, symbol: "IBM", companyName: "INTL BUSINESS MACHINES CORP", listingExchange: "NYSE",
            industry: "Technology", initialPrice: price("170.00")),
        TwinInstrument(
            conid: 8894, symbol: "KO", companyName: "COCA-COLA CO/THE", listingExchange: "NYSE",
            industry: "Consumer, Non-cyclical", initialPrice: price("60.00")),
        TwinInstrument(
            conid: 76_792_991, symbol: "TSLA", companyName: "TESLA INC", listingExchange: "NASDAQ",
            industry: "Consumer, Cyclical", initialPrice: price("250.00")),
        TwinInstrument(
            conid: 107_113_386, symbol: "META", companyName: "META PLATFORMS INC-CLASS A", listingExchange: "NASDAQ",
            industry: "Communications", initialPrice: price("480.00")),
        TwinInstrument(
            conid: 208_813_720, symbol: "GOOG", companyName: "ALPHABET INC-CL C", listingExchange: "NASDAQ",
            industry: "Communications", initialPrice: price("150.00")),
        TwinInstrument(
            conid: 3_691_937, symbol: "AMZN", companyName: "AMAZON.COM INC", listingExchange: "NASDAQ",
            industry: "Communications", initialPrice: price("180.00")),
        TwinInstrument(
            conid: 4_815_747, symbol: "NVDA", companyName: "NVIDIA CORP", listingExchange: "NASDAQ",
            industry: "Technology", initialPrice: price("120.00")),
        TwinInstrument(
            conid: 4391, symbol: "AMD", companyName: "ADVANCED MICRO DEVICES", listingExchange: "NASDAQ",
            industry: "Technology", initialPrice: price("160.00")),
        TwinInstrument(
            conid: 320_227_571, symbol: "QQQ", companyName: "INVESCO QQQ TRUST SERIES 1", listingExchange: "NASDAQ",
            type: "ETF", industry: "Funds", initialPrice: price("440.00")),
        TwinInstrument(
            conid: 9_579_970, symbol: "IWM", companyName: "ISHARES RUSSELL 2000 ETF", listingExchange: "ARCA",
            type: "ETF", industry: "Funds", initialPrice: price("200.00")),
        TwinInstrument(
            conid: 13379, symbol: "WM", companyName: "WASTE MANAGEMENT INC", listingExchange: "NYSE",
            industry: "Industrial", initialPrice: price("177.37")),
    ]
}
