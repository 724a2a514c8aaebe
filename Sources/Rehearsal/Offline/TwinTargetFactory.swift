import FoundationEssentials

/// Builds a `TwinScenarioTarget` per run, each with its own journal folder. The folder comes from the caller, since
/// naming a fresh one needs entropy this deterministic module does not draw.
public struct TwinTargetFactory: ScenarioTargetFactory {
    private let makeDirectory: @Sendable (Scenario) throws -> URL

    public init(makeDirectory: @escaping @Sendable (Scenario) throws -> URL) {
        self.makeDirectory = makeDirectory
    }

    public func makeScenarioTarget(for scenario: Scenario) async throws -> any ScenarioTarget {
        try await TwinScenarioTarget(scenario: scenario, directory: try makeDirectory(scenario))
    }
}
