import FoundationEssentials
import TradingSafety

/// Builds a `TwinScenarioTarget` per run, each with its own journal folder. The folder comes from the caller, since
/// naming a fresh one needs entropy this deterministic module does not draw.
public struct TwinTargetFactory: ScenarioTargetFactory {
    private let makeDirectory: @Sendable (Scenario) throws -> URL
    private let weakening: SafetyWeakening

    /// `weakening` leaves guards out on purpose, for mutation tests only.
    public init(
        weakening: SafetyWeakening = .none, makeDirectory: @escaping @Sendable (Scenario) throws -> URL
    ) {
        self.makeDirectory = makeDirectory
        self.weakening = weakening
    }

    public func makeScenarioTarget(for scenario: Scenario) async throws -> any ScenarioTarget {
        try await TwinScenarioTarget(scenario: scenario, directory: try makeDirectory(scenario), weakening: weakening)
    }
}
