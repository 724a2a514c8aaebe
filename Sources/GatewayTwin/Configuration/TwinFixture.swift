import FoundationEssentials

/// A JSON fixture that sets up a twin run: account, cash, seed and instruments with their starting prices.
///
/// ```json
/// {"seed": 7, "accountID": "DU7654321", "startingCash": "25000",
///  "instruments": [{"conid": 265598, "symbol": "AAPL", "companyName": "APPLE INC",
///                   "listingExchange": "NASDAQ", "price": "190.00", "fraqInt": 4}]}
/// ```
/// Money and prices may be JSON strings (exact) or numbers. Omitted fields keep the configuration's defaults;
/// omitted instruments keep the built-in list.
public struct TwinFixture: Decodable, Sendable {
    public struct Instrument: Decodable, Sendable {
        public var conid: Int
        public var symbol: String
        public var companyName: String?
        public var listingExchange: String?
        public var type: String?
        public var price: FixtureDecimal
        public var priorClose: FixtureDecimal?
        public var spread: FixtureDecimal?
        public var tick: FixtureDecimal?
        public var fraqInt: Int?
        public var availability: String?
        public var hasMarketData: Bool?
        public var liquidityPerUpdate: FixtureDecimal?
    }

    public var seed: UInt64?
    public var accountID: String?
    public var startingCash: FixtureDecimal?
    public var startsLoggedIn: Bool?
    public var instruments: [Instrument]?

    /// Reads a fixture; the error names the field that failed.
    public static func load(_ data: Data) throws -> TwinFixture {
        try JSONDecoder().decode(TwinFixture.self, from: data)
    }

    /// The configuration with this fixture applied.
    public func applied(to base: TwinConfiguration = TwinConfiguration()) -> TwinConfiguration {
        var configuration = base
        if let seed { configuration.seed = seed }
        if let accountID { configuration.accountID = accountID }
        if let startingCash { configuration.startingCash = startingCash.value }
        if let startsLoggedIn { configuration.startsLoggedIn = startsLoggedIn }
        if let instruments {
            configuration.instruments = instruments.map { item in
                var instrument = TwinInstrument(
                    conid: item.conid, symbol: item.symbol.uppercased(),
                    companyName: item.companyName ?? item.symbol.uppercased(),
                    listingExchange: item.listingExchange ?? "NASDAQ", type: item.type ?? "COMMON",
                    initialPrice: item.price.value, priorClose: item.priorClose?.value)
                // A tick must be positive and a spread non-negative; other values keep the defaults.
                if let spread = item.spread, spread.value >= 0 { instrument.spread = spread.value }
                if let tick = item.tick, tick.value > 0 { instrument.tick = tick.value }
                if let fraqInt = item.fraqInt { instrument.fraqInt = min(max(fraqInt, 0), 8) }
                if let availability = item.availability { instrument.availability = availability }
                if let hasMarketData = item.hasMarketData { instrument.hasMarketData = hasMarketData }
                instrument.liquidityPerUpdate = item.liquidityPerUpdate?.value
                return instrument
            }
        }
        return configuration
    }
}

/// A decimal read exactly from a JSON string (`"190.05"`) or from a JSON number.
public struct FixtureDecimal: Decodable, Sendable, Hashable {
    public var value: Decimal

    public init(_ value: Decimal) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not a decimal number like \"190.05\"")
            }
            value = parsed
        } else {
            value = try container.decode(Decimal.self)
        }
    }
}
