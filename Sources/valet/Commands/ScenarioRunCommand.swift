import Foundation
import MCPKit
import Rehearsal

/// `valet scenario run FILES|DIRS [--seed N] [--update-golden] [--json] [--chart DIR]`: runs rehearsal scenarios
/// against the offline stack (server + guards + adapter + gateway twin on one virtual clock), checks their
/// expectations, invariants and golden transcripts, and exits 1 on any failure.
///
/// The stack comes from `factory`; register the command as `ScenarioRunCommand(factory: <composition>)`. Without
/// one, every scenario fails with a message saying no target is plugged in.
struct ScenarioRunCommand: Command {
    var factory: any ScenarioTargetFactory = UnpluggedTargetFactory()

    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "scenario",
            summary: "Run rehearsal scenarios offline and compare their transcripts (valet scenario run).",
            usage: "valet scenario run FILES|DIRS [--seed N] [--update-golden] [--json] [--chart DIR]",
            options: [
                .init(name: "--seed", valueName: "N", help: "Run every scenario with this seed instead of its own."),
                .init(
                    name: "--update-golden", valueName: nil,
                    help: "Rewrite the golden transcripts (the run still fails; review, then run again)."),
                .init(name: "--json", valueName: nil, help: "Print a machine-readable JSON report."),
                .init(name: "--chart", valueName: "DIR", help: "Write an SVG price chart per scenario into DIR."),
            ],
            positionalHelp: [
                ("run", "The action (the only one so far)."),
                ("FILES|DIRS", "Scenario .json files, or folders of them."),
            ],
            minimumPositionals: 2,
            maximumPositionals: Int.max
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        guard arguments.positionals.first == "run" else {
            throw CommandLineError(
                "unknown scenario action '\(arguments.positionals[0])'; use 'valet scenario run FILES'",
                command: "scenario")
        }
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
}
