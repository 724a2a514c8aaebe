import FoundationEssentials
import MCPKit
import Rehearsal

/// `valet scenario run FILES|DIRS [--seed N] [--update-golden] [--json] [--chart DIR]`: runs rehearsal scenarios
/// against the offline stack (server + guards + adapter + gateway twin on one virtual clock), checks their
/// expectations, invariants and golden transcripts, and exits 1 on any failure.
///
/// `valet scenario swarm FILES|DIRS [--runs N]`: runs each scenario under N seeds × every fault profile and checks
/// the safety invariants after every step; a failure prints its seed, and `SIM_SEED=N [SIM_PROFILE=name]` reruns
/// exactly that run.
///
/// The stack comes from `factory`; register the command as `ScenarioRunCommand(factory: <composition>)`. Without
/// one, every scenario fails with a message saying no target is plugged in.
struct ScenarioRunCommand: Command {
    var factory: any ScenarioTargetFactory = UnpluggedTargetFactory()

    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "scenario",
            summary: "Run rehearsal scenarios offline and compare their transcripts (valet scenario run).",
            usage: "valet scenario run FILES|DIRS [--seed N] [--update-golden] [--json] [--chart DIR]\n"
                + "       valet scenario swarm FILES|DIRS [--runs N] [--workload STEPS]   (SIM_SEED=N, SIM_PROFILE=name rerun one)",
            options: [
                .init(name: "--seed", valueName: "N", help: "Run every scenario with this seed instead of its own."),
                .init(
                    name: "--update-golden", valueName: nil,
                    help: "Rewrite the golden transcripts (the run still fails; review, then run again)."),
                .init(name: "--json", valueName: nil, help: "Print a machine-readable JSON report."),
                .init(name: "--chart", valueName: "DIR", help: "Write an SVG price chart per scenario into DIR."),
                .init(name: "--runs", valueName: "N", help: "swarm: seeds per scenario and profile (default 20)."),
                .init(
                    name: "--workload", valueName: "STEPS",
                    help: "swarm: append STEPS seeded random agent steps to each scenario (default: none)."),
            ],
            positionalHelp: [
                ("run|swarm", "Run scenarios, or swarm them under seeds and fault profiles."),
                ("FILES|DIRS", "Scenario .json files, or folders of them."),
            ],
            minimumPositionals: 2,
            maximumPositionals: Int.max
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        switch arguments.positionals.first {
        case "run": return try await runScenarios(arguments, io: io)
        case "swarm": return try await swarm(arguments, io: io)
        default:
            throw CommandLineError(
                "unknown scenario action '\(arguments.positionals[0])'; use 'valet scenario run FILES' "
                    + "or 'valet scenario swarm FILES'",
                command: "scenario")
        }
    }

    private func runScenarios(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        var seed: UInt64?
        if arguments.values["--seed"] != nil {
            seed = UInt64(
                try OptionValue.integer(arguments, "--seed", default: 0, range: 0...Int.max, command: "scenario"))
        }
        let options = ScenarioSuite.Options(
            seed: seed,
            updateGolden: arguments.flag("--update-golden"),
            chartDirectory: arguments.values["--chart"]
        )
        let suite = ScenarioSuite(factory: factory, options: options)
        let report = await suite.run(paths: Array(arguments.positionals.dropFirst()))
        if arguments.flag("--json") {
            io.out(JSONWriter.string(report.json))
        } else {
            io.out(report.summary)
        }
        if options.updateGolden {
            io.err(
                "valet scenario run: golden transcripts were rewritten, so this run fails on purpose; "
                    + "review the changes (git diff) and run again without --update-golden")
        }
        return report.passed ? 0 : 1
    }

    private func swarm(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        let runs = try OptionValue.integer(arguments, "--runs", default: 20, range: 1...100_000, command: "scenario")
        let workload = try OptionValue.integer(
            arguments, "--workload", default: 0, range: 0...10_000, command: "scenario")
        let environment = ProcessInfo.processInfo.environment
        let swarm = Swarm(factory: factory)
        let seeds: [UInt64]
        let profiles: [FaultProfile]
        do {
            seeds = try Swarm.seeds(count: runs, environment: environment)
            profiles = try swarm.selectedProfiles(environment: environment)
        } catch {
            throw CommandLineError(error.message, command: "scenario")
        }
        let (files, missing) = ScenarioSuite.scenarioFiles(in: Array(arguments.positionals.dropFirst()))
        var passed = missing.isEmpty && !files.isEmpty
        for path in missing { io.err("valet scenario swarm: \(path): no such file or folder") }
        for file in files {
            do {
                let scenario = try ScenarioDecoder.load(path: file)
                let report =
                    workload > 0
                    ? await swarm.runWorkload(from: scenario, steps: workload, seeds: seeds, profiles: profiles)
                    : await swarm.run(scenario, seeds: seeds, profiles: profiles)
                io.out(report.summary)
                passed = passed && report.passed
            } catch {
                io.out("FAIL \(error)")
                passed = false
            }
        }
        return passed ? 0 : 1
    }
}
