import FoundationEssentials
import MCPKit

/// Runs a scenario under many seeds and fault profiles and checks the invariants after every step (TigerBeetle's
/// VOPR in miniature). Every failing run prints its seed and profile; `SIM_SEED=N` (and `SIM_PROFILE=name`) rerun
/// exactly that run.
public struct Swarm: Sendable {
    public var factory: any ScenarioTargetFactory
    public var runner: ScenarioRunner
    public var profiles: [FaultProfile]

    public init(
        factory: any ScenarioTargetFactory, runner: ScenarioRunner = ScenarioRunner(),
        profiles: [FaultProfile] = FaultProfile.standard
    ) {
        self.factory = factory
        self.runner = runner
        self.profiles = profiles
    }

    /// The seeds to run: `SIM_SEED` alone when set, else `count` seeds from `first`. A malformed `SIM_SEED` is an
    /// error rather than a silent full run.
    public static func seeds(count: Int, first: UInt64 = 1, environment: [String: String]) throws(SwarmError)
        -> [UInt64]
    {
        if let text = environment["SIM_SEED"] {
            guard let seed = UInt64(text.trimmed()) else {
                throw SwarmError("SIM_SEED must be a whole number 0 or above, got \"\(text)\"")
            }
            return [seed]
        }
        return (0..<UInt64(max(0, count))).map { first &+ $0 }
    }

    /// The profiles to run: the one `SIM_PROFILE` names when set, else all.
    public func selectedProfiles(environment: [String: String]) throws(SwarmError) -> [FaultProfile] {
        guard let name = environment["SIM_PROFILE"] else { return profiles }
        guard let profile = profiles.first(where: { $0.name == name }) else {
            let known = profiles.map(\.name).joined(separator: ", ")
            throw SwarmError("SIM_PROFILE \"\(name)\" is not a profile (known: \(known))")
        }
        return [profile]
    }

    /// Runs `scenario` once per seed and profile.
    public func run(_ scenario: Scenario, seeds: [UInt64], profiles: [FaultProfile]? = nil) async -> SwarmReport {
        await run(named: scenario.name, seeds: seeds, profiles: profiles) { _ in scenario }
    }

    /// Runs a random workload drawn from `template` for each seed (`SwarmWorkload`), once per profile.
    public func runWorkload(
        from template: Scenario, steps: Int, seeds: [UInt64], profiles: [FaultProfile]? = nil
    ) async -> SwarmReport {
        await run(named: template.name, seeds: seeds, profiles: profiles) { seed in
            SwarmWorkload.generate(from: template, seed: seed, steps: steps)
        }
    }

    private func run(
        named name: String, seeds: [UInt64], profiles: [FaultProfile]?, scenario: (UInt64) -> Scenario
    ) async -> SwarmReport {
        var report = SwarmReport(scenario: name)
        for profile in profiles ?? self.profiles {
            for seed in seeds {
                let variant = Self.variant(of: scenario(seed), seed: seed, profile: profile)
                var outcome = SwarmRun(seed: seed, profile: profile.name)
                do {
                    let target = try await factory.makeScenarioTarget(for: variant)
                    let run = await runner.run(variant, on: target)
                    outcome.violations = run.violations
                    outcome.failure = run.failure
                    outcome.transcript = run.transcript
                } catch {
                    outcome.failure = "cannot build the scenario target: \(error)"
                }
                report.runs.append(outcome)
            }
        }
        return report
    }

    /// The scenario with the run's seed and the profile's faults armed before its first step.
    public static func variant(of scenario: Scenario, seed: UInt64, profile: FaultProfile) -> Scenario {
        var copy = scenario
        copy.seed = seed
        copy.steps = profile.faults.map(ScenarioStep.fault) + scenario.steps
        copy.stepSources = profile.faults.map { .object(["fault": $0.json]) } + scenario.stepSources
        return copy
    }
}

/// One swarm run. Only invariants and steps that could not run count: a scenario's own expectations assume calm
/// conditions, so they are not checked here.
public struct SwarmRun: Sendable, Equatable {
    public var seed: UInt64
    public var profile: String
    public var violations: [InvariantViolation] = []
    public var failure: String?
    public var transcript: [String] = []

    public var passed: Bool { violations.isEmpty && failure == nil }

    /// The command line that reruns exactly this run.
    public var reproduction: String { "SIM_SEED=\(seed) SIM_PROFILE=\(profile)" }
}

/// Every run of a swarm.
public struct SwarmReport: Sendable, Equatable {
    public var scenario: String
    public var runs: [SwarmRun] = []

    public var failures: [SwarmRun] { runs.filter { !$0.passed } }
    public var passed: Bool { failures.isEmpty }

    /// One line per failing run with its seed and how to rerun it, then a count.
    public var summary: String {
        var lines: [String] = []
        for run in failures {
            lines.append("FAIL \(scenario) seed \(run.seed) profile \(run.profile) — rerun with \(run.reproduction)")
            lines += run.violations.map { "  \($0)" }
            if let failure = run.failure { lines.append("  stopped at \(failure)") }
        }
        lines.append("\(runs.count) run(s) of \(scenario), \(failures.count) broke an invariant")
        return lines.joined(separator: "\n")
    }
}

/// A swarm set up wrongly (a bad `SIM_SEED` or `SIM_PROFILE`).
public struct SwarmError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
