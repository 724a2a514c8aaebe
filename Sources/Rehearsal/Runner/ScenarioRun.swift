import FoundationEssentials
import MCPKit

/// Everything one run of one scenario produced.
public struct ScenarioRun: Sendable, Equatable {
    public var name: String
    public var seed: UInt64
    /// One outcome per expectation, in step order.
    public var outcomes: [ExpectationOutcome]
    /// Invariants broken after any step.
    public var violations: [InvariantViolation]
    /// Why the run stopped early (a step the target could not perform), if it did.
    public var failure: String?
    /// The transcript, one JSON line per element (no newlines inside).
    public var transcript: [String]
    /// Every price the run set, for the chart.
    public var prices: [PricePoint]
    /// Order placements, fills and cancellations seen in the twin's state, for the chart.
    public var orderMarks: [OrderMark]
    /// Where each stop, stop-limit and trailing stop would trigger, and each limit order would fill, while it worked,
    /// for the chart.
    public var levelLines: [LevelLine] = []
    /// Order calls the server refused, for the chart.
    public var refusals: [RefusedOrder] = []

    /// True when every expectation held, no invariant broke and every step ran.
    public var passed: Bool {
        failure == nil && violations.isEmpty && outcomes.allSatisfy(\.passed)
    }

    /// The transcript as file text (each line ends in a newline).
    public var transcriptText: String { transcript.map { $0 + "\n" }.joined() }
}

/// The result of one expectation.
public struct ExpectationOutcome: Sendable, Equatable {
    /// 1-based step number.
    public var step: Int
    /// What was checked: `call buy`, `call buy (is_error)`, `expect_state`.
    public var label: String
    public var mismatches: [Mismatch]

    public var passed: Bool { mismatches.isEmpty }
}

/// An invariant that did not hold.
public struct InvariantViolation: Sendable, Equatable, CustomStringConvertible {
    public var invariant: String
    /// 1-based step number after which it was seen (0: before the first step).
    public var step: Int
    public var message: String

    public init(invariant: String, step: Int, message: String) {
        self.invariant = invariant
        self.step = step
        self.message = message
    }

    public var description: String { "after step \(step): \(invariant): \(message)" }
}

/// A price at a virtual instant.
public struct PricePoint: Sendable, Equatable {
    public var at: Date
    public var symbol: String
    public var last: Decimal
}

/// An order event drawn on the chart.
public struct OrderMark: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case placed, filled, cancelled
    }

    public var at: Date
    public var symbol: String
    public var kind: Kind
    public var side: String
    public var orderID: String
    /// Where to draw it: the fill price, the order's limit or stop, or the last price.
    public var price: Decimal?
}

/// Where one working order would act, over the time it worked: a stop's trigger, a trailing stop's trigger (which
/// follows the price), or a limit order's price.
public struct LevelLine: Sendable, Equatable {
    public var symbol: String
    public var orderID: String
    public var side: String
    /// The twin's order type: `STP`, `STOP_LIMIT`, `TRAIL` (a trigger) or `LMT` (a limit price).
    public var orderType: String
    /// The price from each instant on (a step line).
    public var points: [PricePoint]
    /// When the order stopped working (filled, cancelled); nil while it still works at the run's end.
    public var end: Date?
}

/// An order tool call the server refused (a guard, a broker rejection, bad arguments).
public struct RefusedOrder: Sendable, Equatable {
    public var at: Date
    public var symbol: String
    /// The tool called: `buy`, `sell`, `stop_order`, …
    public var tool: String
    /// BUY or SELL, as far as the call says (empty when it does not).
    public var side: String
    /// The price the call named (limit, stop, take-profit), else the last price; nil when neither is known.
    public var price: Decimal?
    /// The error code of the refusal, e.g. `would_open_short`.
    public var code: String
}
