import FoundationEssentials

/// Builds a fresh target for each scenario run (a new twin, server and journal every time, so runs never share
/// state). The lead's offline composition conforms to this; `valet scenario run` takes one.
public protocol ScenarioTargetFactory: Sendable {
    /// A target set up from the scenario (its seed is already the one to use: `--seed` or `SIM_SEED` applied).
    func makeScenarioTarget(for scenario: Scenario) async throws -> any ScenarioTarget
}

/// A factory from a closure: `ClosureTargetFactory { scenario in try await OfflineStack(scenario) }`.
public struct ClosureTargetFactory: ScenarioTargetFactory {
    private let make: @Sendable (Scenario) async throws -> any ScenarioTarget

    public init(_ make: @escaping @Sendable (Scenario) async throws -> any ScenarioTarget) {
        self.make = make
    }

    public func makeScenarioTarget(for scenario: Scenario) async throws -> any ScenarioTarget {
        try await make(scenario)
    }
}

/// The factory used until a composition is plugged in: every run fails with a message saying so, rather than
/// pretending to pass.
public struct UnpluggedTargetFactory: ScenarioTargetFactory {
    public init() {}

    public func makeScenarioTarget(for scenario: Scenario) async throws -> any ScenarioTarget {
        throw ScenarioTargetError(
            "no scenario target is plugged in: this build of valet cannot run scenarios yet "
                + "(the offline composition of server + twin must be passed to ScenarioRunCommand)")
    }
}
