import FoundationEssentials
import MCPKit

/// A property that must hold after every step of every run, whatever the faults. Invariants read the twin's state
/// and everything the target reported so far; they never call the target.
public protocol Invariant: Sendable {
    /// Short name printed with a violation.
    var name: String { get }
    /// What is wrong now (empty: it holds).
    func violations(in observation: Observation) -> [String]
}

/// What an invariant sees after a step.
public struct Observation: Sendable {
    /// 1-based number of the step just run (0: after setup).
    public var step: Int
    /// The scenario's settings (Valet env keys).
    public var settings: [String: String]
    /// `ScenarioTarget.state()` after the step.
    public var state: JSONValue
    /// Every transcript entry the target reported since the run began.
    public var entries: [TranscriptEntry]

    public init(step: Int, settings: [String: String], state: JSONValue, entries: [TranscriptEntry]) {
        self.step = step
        self.settings = settings
        self.state = state
        self.entries = entries
    }

    /// The twin's orders (`state.orders`).
    public var orders: [[String: JSONValue]] {
        (state["orders"]?.arrayValue ?? []).compactMap(\.objectValue)
    }

    /// The journal's lines parsed (nil for a line that is not a JSON object).
    public var journalRecords: [[String: JSONValue]?] {
        (state["journal"]?.arrayValue ?? []).map { line in
            line.stringValue.flatMap { try? JSONParser.parse(Data($0.utf8)) }?.objectValue
        }
    }
}
