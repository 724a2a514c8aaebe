import FoundationEssentials
import MCPKit

/// One step of a scenario's timeline.
public enum ScenarioStep: Sendable, Equatable {
    /// A market move: the instrument trades at a new price now.
    case price(PriceMove)
    /// Virtual time moves forward by a number of seconds (scheduled price ticks on the way are applied).
    case advance(seconds: TimeInterval)
    /// Virtual time moves forward to an instant.
    case until(Date)
    /// Something happens to the gateway session.
    case session(SessionEvent)
    /// A fault is armed on the gateway.
    case fault(FaultSpec)
    /// The Valet server process dies and starts again (`{"restart": "server"}`): same journal, same twin.
    case restartServer
    /// The agent calls an MCP tool; the result may be checked.
    case call(ToolCall)
    /// The twin's state (orders, positions, cash, journal) is checked.
    case expectState(Expectation)

    /// The step's keyword in the file (`price`, `advance`, `until`, `session`, `fault`, `restart`, `call`,
    /// `expect_state`).
    public var keyword: String {
        switch self {
        case .price: return "price"
        case .advance: return "advance"
        case .until: return "until"
        case .session: return "session"
        case .fault: return "fault"
        case .restartServer: return "restart"
        case .call: return "call"
        case .expectState: return "expect_state"
        }
    }
}

/// A price set by a step.
public struct PriceMove: Sendable, Equatable {
    public var symbol: String
    public var last: Decimal
    public var bid: Decimal?
    public var ask: Decimal?

    public init(symbol: String, last: Decimal, bid: Decimal? = nil, ask: Decimal? = nil) {
        self.symbol = symbol
        self.last = last
        self.bid = bid
        self.ask = ask
    }
}

/// An MCP tool call and what its result must look like.
public struct ToolCall: Sendable, Equatable {
    public var name: String
    /// The `arguments` object sent in `tools/call`.
    public var arguments: JSONValue
    /// Pattern the tool's envelope must match (nil: not checked).
    public var expect: Expectation?
    /// Required value of the result's `isError` flag (nil: not checked).
    public var isError: Bool?
    /// Values to save from the envelope for later steps: variable name → path (`data.order_id`).
    public var save: [String: String]
    /// `when_saved: true`: the call is skipped (nothing sent) when a `${name}` it uses has no saved value, instead
    /// of failing the run. For generated agents acting on "their last order", which a refused order never saved.
    public var onlyWhenSaved = false

    public init(
        name: String, arguments: JSONValue = [:], expect: Expectation? = nil, isError: Bool? = nil,
        save: [String: String] = [:]
    ) {
        self.name = name
        self.arguments = arguments
        self.expect = expect
        self.isError = isError
        self.save = save
    }
}

/// Session events a scenario can cause.
public enum SessionEvent: String, Sendable, Equatable, CaseIterable {
    /// The brokerage session expires now (as after minutes without a tickle), SSO stays.
    case expire
    /// Another login competes for the session: status shows `competing`, then the session drops.
    case competing
    /// The gateway's nightly reset (01:00 New York): brokerage session dropped, `/iserver/accounts` priming lost.
    case nightlyReset = "nightly_reset"
    /// The whole session ends, as `/logout`.
    case logout
    /// A person logs in again (fresh, authenticated, unprimed session).
    case login
}

/// A fault armed on the gateway.
public struct FaultSpec: Sendable, Equatable {
    /// HTTP method to match; nil matches any.
    public var method: String?
    /// Path prefix below `/v1/api` (e.g. `/iserver/account/`); empty matches every path.
    public var pathPrefix: String
    public var kind: FaultKind
    /// How many times it fires at most; nil: every matching request.
    public var count: Int?
    /// Matching requests let through before it can fire.
    public var skip: Int
    /// Chance a matching request is hit, drawn from the run's seeded generator.
    public var probability: Double

    public init(
        method: String? = nil, pathPrefix: String = "", kind: FaultKind, count: Int? = 1, skip: Int = 0,
        probability: Double = 1
    ) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.kind = kind
        self.count = count
        self.skip = skip
        self.probability = probability
    }
}

/// What an armed fault does.
public enum FaultKind: Sendable, Equatable {
    /// The request is processed (an order lands) but the answer is HTTP 503 (`503_after_landing`).
    case serviceUnavailableAfterLanding
    /// HTTP 500 without processing (`500`).
    case internalServerError
    /// HTTP 429, then every request answers 429 for the penalty (`429`, `penalty` default 60s).
    case rateLimited(penaltySeconds: TimeInterval)
    /// No answer; the client's request times out (`timeout`).
    case timeout
    /// Virtual time moves on this long before the request is handled (`latency`, `seconds` required).
    case latency(seconds: TimeInterval)
    /// The connection drops before an answer: a transport error that is not a timeout (`drop`).
    case drop
    /// The order lands but no answer comes back, and the gateway's views do not show it for `hide`
    /// (`lost_answer_hidden`, `hide` default 30s).
    case lostAnswerHidden(seconds: TimeInterval)
    /// Another login takes the brokerage session (`competing`).
    case competingSession
    /// The brokerage session expires early, before the request is handled (`session_expiry`).
    case sessionExpiry
    /// Orders the request submits are acknowledged, then go `Inactive` (`inactive`).
    case orderInactive
    /// Valet's journal writes fail half-way, as on a full disk (`journal_write_failure`; `method` and `path` do
    /// not apply).
    case journalWriteFailure

    /// The keyword in the file.
    public var keyword: String {
        switch self {
        case .serviceUnavailableAfterLanding: return "503_after_landing"
        case .internalServerError: return "500"
        case .rateLimited: return "429"
        case .timeout: return "timeout"
        case .latency: return "latency"
        case .drop: return "drop"
        case .lostAnswerHidden: return "lost_answer_hidden"
        case .competingSession: return "competing"
        case .sessionExpiry: return "session_expiry"
        case .orderInactive: return "inactive"
        case .journalWriteFailure: return "journal_write_failure"
        }
    }
}
