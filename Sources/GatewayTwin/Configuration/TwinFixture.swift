import FoundationEssentials

/// A JSON fixture that sets up a twin run: account, cash, seed, instruments with their starting prices and
/// liquidity, held positions, extra questions and the random walk.
///
/// ```json
/// {"seed": 7, "accountID": "DU7654321", "startingCash": "25000", "randomWalkSeconds": 5,
///  "instruments": [{"conid": 265598, "symbol": "AAPL", "companyName": "APPLE INC",
///                   "listingExchange": "NASDAQ", "price": "190.00", "fraqInt": 4, "liquidityPerUpdate": "500"}],
///  "positions": [{"conid": 265598, "quantity": "10", "averageCost": "180.00"}],
///  "questions": [{"id": "o10151", "message": "A Market Order is …", "orderTypes": ["MKT"]}]}
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
    /// Held at the start.
    public var positions: [Position]?
    /// Extra confirmation questions (`TwinQuestionRule`).
    public var questions: [Question]?
    /// Seconds between random-walk steps (0: prices stay where they are set).
    public var randomWalkSeconds: Double?

    public struct Position: Decodable, Sendable {
        public var conid: Int
        public var quantity: FixtureDecimal
        public var averageCost: FixtureDecimal
    }

    public struct Question: Decodable, Sendable {
        public var id: String
        public var message: String
        public var orderTypes: [String]?
    }

    /// Reads a fixture; the error names the field that failed.
    public static func load(_ data: Data) throws -> TwinFixture {
        try JSONDecoder().decode(TwinFixture.self, from: data)
    }

    /// Seeds the fixture's positions into a twin built from `applied(to:)`; the error names an unknown conid.
    public func seedPositions(into twin: GatewayTwin) throws(TwinFixtureError) {
        for position in positions ?? [] {
            guard
                twin.seedPosition(
                    conid: position.conid, quantity: position.quantity.value, averageCost: position.averageCost.value)
            else {
                throw TwinFixtureError(
                    "positions: conid \(position.conid) is not among the twin's instruments; list it under \"instruments\""
                )
            }
        }
    }

    /// The configuration with this fixture applied.
    public func applied(to base: TwinConfiguration = TwinConfiguration()) -> TwinConfiguration {
        var configuration = base
        if let seed { configuration.seed = seed }
        if let accountID { configuration.accountID = accountID }
        if let startingCash { configuration.startingCash = startingCash.value }
        if let startsLoggedIn { configuration.startsLoggedIn = startsLoggedIn }
        if let randomWalkSeconds {
            configuration.randomWalkInterval =
                randomWalkSeconds > 0 && randomWalkSeconds.isFinite ? randomWalkSeconds : nil
        }
        if let questions {
            configuration.additionalQuestions = questions.map {
                TwinQuestionRule(id: $0.id, message: $0.message, orderTypes: $0.orderTypes ?? [])
            }
        }
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

/// A fixture that cannot be applied, with what to change.
public struct TwinFixtureError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
