import FoundationEssentials
import MCPKit
import TradingDomain

/// Runs scenario files and folders the way `valet scenario run` does: decode, build a target, run, compare with the
/// golden transcript, optionally draw a chart, and summarise.
public struct ScenarioSuite: Sendable {
    public struct Options: Sendable, Equatable {
        /// Replaces every scenario's seed (`--seed`).
        public var seed: UInt64?
        /// Rewrites golden transcripts (the run still fails).
        public var updateGolden: Bool
        /// Folder for one SVG chart per scenario.
        public var chartDirectory: String?

        public init(seed: UInt64? = nil, updateGolden: Bool = false, chartDirectory: String? = nil) {
            self.seed = seed
            self.updateGolden = updateGolden
            self.chartDirectory = chartDirectory
        }
    }

    public var factory: any ScenarioTargetFactory
    public var runner: ScenarioRunner
    public var options: Options

    public init(factory: any ScenarioTargetFactory, runner: ScenarioRunner = ScenarioRunner(), options: Options) {
        self.factory = factory
        self.runner = runner
        self.options = options
    }

    /// The scenario files named: files as given, folders expanded to their `*.json` files (sorted, not recursive).
    public static func scenarioFiles(in paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        for path in paths {
            var isFolder = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                missing.append(path)
                continue
            }
            guard isFolder else {
                files.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { $0.hasSuffix(".json") }.sorted().map { FilePath.join(path, $0) }
        }
        return (files, missing)
    }

    /// Runs every scenario file found under `paths`.
    public func run(paths: [String]) async -> SuiteReport {
        let (files, missing) = Self.scenarioFiles(in: paths)
        var report = SuiteReport(results: missing.map { ScenarioResult(file: $0, problem: "no such file or folder") })
        for file in files {
            report.results.append(await run(file: file))
        }
        return report
    }

    /// Runs one scenario file.
    public func run(file: String) async -> ScenarioResult {
        var scenario: Scenario
        do {
            scenario = try ScenarioDecoder.load(path: file)
        } catch {
            return ScenarioResult(file: file, problem: error.description)
        }
        if let seed = options.seed { scenario.seed = seed }
        return await run(scenario, file: file)
    }

    /// Runs a decoded scenario and checks its golden transcript beside `file`.
    public func run(_ scenario: Scenario, file: String) async -> ScenarioResult {
        var result = ScenarioResult(file: file, problem: nil)
        result.name = scenario.name
        result.seed = scenario.seed
        let target: any ScenarioTarget
        do {
            target = try await factory.makeScenarioTarget(for: scenario)
        } catch {
            result.problem = "cannot build the scenario target: \(error)"
            return result
        }
        let run = await runner.run(scenario, on: target)
        result.run = run
        result.golden = GoldenTranscript.check(run.transcriptText, scenarioPath: file, update: options.updateGolden)
        if let folder = options.chartDirectory {
            let path = FilePath.join(folder, FilePath.baseName(of: file) + ".svg")
            let svg = PriceChart.svg(
                title: scenario.name, prices: run.prices, marks: run.orderMarks, triggers: run.levelLines,
                refusals: run.refusals)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(svg.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                result.chartPath = path
            } catch {
                result.problem = "cannot write the chart \(path): \(TradingError.describe(error))"
            }
        }
        return result
    }
}

/// The outcome of one scenario file.
public struct ScenarioResult: Sendable, Equatable {
    public var file: String
    public var name: String?
    public var seed: UInt64?
    /// Why the scenario could not run at all (bad file, no target, chart not written).
    public var problem: String?
    public var run: ScenarioRun?
    public var golden: GoldenTranscript.Status?
    public var chartPath: String?

    public init(file: String, problem: String?) {
        self.file = file
        self.problem = problem
    }

    public var passed: Bool {
        problem == nil && run?.passed == true && golden?.passed == true
    }
}

/// Every scenario's outcome, as a summary for people or JSON for machines.
public struct SuiteReport: Sendable, Equatable {
    public var results: [ScenarioResult]

    public var passed: Bool { !results.isEmpty && results.allSatisfy(\.passed) }

    /// Per scenario, per expectation: `PASS`/`FAIL` lines with mismatches, invariants and the golden status.
    public var summary: String {
        var lines: [String] = []
        for result in results {
            let title = result.name.map { "\($0) (\(result.file))" } ?? result.file
            lines.append("\(result.passed ? "PASS" : "FAIL") \(title)\(result.seed.map { " seed \($0)" } ?? "")")
            if let problem = result.problem { lines.append("  error: \(problem)") }
            if let run = result.run {
                for outcome in run.outcomes {
                    lines.append("  \(outcome.passed ? "ok  " : "FAIL") step \(outcome.step) \(outcome.label)")
                    lines += outcome.mismatches.map { "      \($0)" }
                }
                lines += run.violations.map { "  FAIL invariant \($0)" }
                if let failure = run.failure { lines.append("  FAIL stopped at \(failure)") }
            }
            if let golden = result.golden { lines.append("  \(golden.passed ? "ok  " : "FAIL") \(golden.summary)") }
            if let chart = result.chartPath { lines.append("  chart: \(chart)") }
        }
        let failed = results.filter { !$0.passed }.count
        lines.append("\(results.count) scenario(s), \(results.count - failed) passed, \(failed) failed")
        return lines.joined(separator: "\n")
    }

    /// The machine-readable report (sorted keys).
    public var json: JSONValue {
        .object([
            "passed": .bool(passed),
            "scenarios": .array(results.map(Self.json)),
        ])
    }

    private static func json(_ result: ScenarioResult) -> JSONValue {
        var object: [String: JSONValue] = [
            "file": .string(result.file), "passed": .bool(result.passed),
            "name": result.name.map(JSONValue.string) ?? .null,
            "seed": result.seed.map { .string(String($0)) } ?? .null,
            "problem": result.problem.map(JSONValue.string) ?? .null,
            "chart": result.chartPath.map(JSONValue.string) ?? .null,
        ]
        if let golden = result.golden {
            var status: String
            switch golden {
            case .matched: status = "matched"
            case .missing: status = "missing"
            case .changed: status = "changed"
            case .updated: status = "updated"
            case .writeFailed: status = "write_failed"
            }
            object["golden"] = .object(["status": .string(status), "detail": .string(golden.summary)])
        }
        if let run = result.run {
            object["expectations"] = .array(
                run.outcomes.map { outcome in
                    .object([
                        "step": .int(outcome.step), "label": .string(outcome.label), "passed": .bool(outcome.passed),
                        "mismatches": .array(
                            outcome.mismatches.map {
                                .object([
                                    "path": .string($0.path), "expected": .string($0.expected),
                                    "actual": .string($0.actual),
                                ])
                            }),
                    ])
                })
            object["invariants"] = .array(
                run.violations.map {
                    .object([
                        "step": .int($0.step), "invariant": .string($0.invariant), "message": .string($0.message),
                    ])
                })
            object["failure"] = run.failure.map(JSONValue.string) ?? .null
        }
        return .object(object)
    }
}
