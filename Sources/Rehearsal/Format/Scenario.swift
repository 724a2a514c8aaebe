import FoundationEssentials
import MCPKit

/// One rehearsal script, decoded from a scenario JSON file (the format is documented in `scenarios/README.md`).
public struct Scenario: Sendable, Equatable {
    /// Short identifier (printed in summaries, used as the chart's title).
    public var name: String
    /// What the scenario shows, for people reading the summary.
    public var description: String
    /// Seed of every random draw in the run (the twin's random walk, faults with a probability, ids).
    public var seed: UInt64
    /// The virtual instant the run starts at.
    public var start: Date
    /// Starting account: cash and opening positions.
    public var account: ScenarioAccount
    /// Valet environment keys for the run (`TRADING_DRY_RUN`, `MAX_ORDER_VALUE`, …), values as strings.
    public var settings: [String: String]
    /// Instruments the twin lists, each with its price path.
    public var instruments: [ScenarioInstrument]
    /// The timeline, run in order.
    public var steps: [ScenarioStep]
    /// Each step exactly as written (the transcript records this form).
    public var stepSources: [JSONValue]
    /// The file the scenario came from (empty when decoded from memory).
    public var sourcePath: String
    /// Whether Valet's session keeper runs, tickling every TICKLE_INTERVAL_SECONDS of virtual time while the
    /// scenario advances, as it does under `valet serve` (default true; false shows what happens without it).
    public var keeper: Bool = true

    public init(
        name: String, description: String = "", seed: UInt64 = 1, start: Date, account: ScenarioAccount = .init(),
        settings: [String: String] = [:], instruments: [ScenarioInstrument] = [], steps: [ScenarioStep] = [],
        stepSources: [JSONValue] = [], sourcePath: String = ""
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.start = start
        self.account = account
        self.settings = settings
        self.instruments = instruments
        self.steps = steps
        self.stepSources = stepSources.count == steps.count ? stepSources : steps.map { _ in .null }
        self.sourcePath = sourcePath
    }

    /// The instrument with a symbol (case-insensitive), if listed.
    public func instrument(_ symbol: String) -> ScenarioInstrument? {
        instruments.first { $0.symbol.uppercased() == symbol.uppercased() }
    }
}

/// The account a scenario starts from.
public struct ScenarioAccount: Sendable, Equatable {
    /// Starting cash in USD.
    public var cash: Decimal
    /// Positions held at the start.
    public var positions: [ScenarioPosition]
    /// False rehearses a real-money account (IBKR's `isPaper: false`).
    public var isPaper: Bool

    public init(cash: Decimal = 100_000, positions: [ScenarioPosition] = [], isPaper: Bool = true) {
        self.cash = cash
        self.positions = positions
        self.isPaper = isPaper
    }
}

/// One opening position.
public struct ScenarioPosition: Sendable, Equatable {
    public var symbol: String
    /// Signed quantity (negative: short).
    public var quantity: Decimal
    public var averageCost: Decimal

    public init(symbol: String, quantity: Decimal, averageCost: Decimal) {
        self.symbol = symbol
        self.quantity = quantity
        self.averageCost = averageCost
    }
}
