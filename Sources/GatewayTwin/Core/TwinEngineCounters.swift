import FoundationEssentials

/// What the matching engine did since the twin started: the figures a benchmark of an active book reports, counted
/// where the work happens rather than inferred from the book afterwards.
public struct TwinEngineCounters: Sendable, Hashable {
    /// Price updates applied.
    public var updates = 0
    /// Price updates that triggered at least one order (a stop reached, a limit reached, a fill).
    public var triggeringUpdates = 0
    /// Orders whose trigger condition was met: a stop or trailing stop fired, or a resting limit became marketable.
    public var triggers = 0
    /// Executions (one order may fill in several).
    public var fills = 0

    public init() {}

    /// Adds what happened between two readings of the counters (`earlier` taken before `later`).
    public mutating func add(_ later: TwinEngineCounters, since earlier: TwinEngineCounters) {
        updates += later.updates - earlier.updates
        triggeringUpdates += later.triggeringUpdates - earlier.triggeringUpdates
        triggers += later.triggers - earlier.triggers
        fills += later.fills - earlier.fills
    }
}
