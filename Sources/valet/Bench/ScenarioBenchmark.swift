import FoundationEssentials
import Rehearsal

/// Wall time to run the whole scenario catalogue through `ScenarioSuite` on the real twin target factory (the
/// one `valet scenario run` uses), golden transcripts checked, charts off.
struct ScenarioBenchmark {
    /// The catalogue folder (default `scenarios` in the working directory).
    var folder: String

    func run(io: ConsoleIO, score: inout BenchScore) async throws {
        let files = ScenarioSuite.scenarioFiles(in: [folder]).files
        guard !files.isEmpty else {
            throw BenchmarkFailure("no scenario files in \(folder); run from the repository root or pass --scenarios")
        }
        let suite = ScenarioSuite(factory: ScenarioComposition.factory, options: .init())
        let clock = ContinuousClock()
        let start = clock.now
        let report = await suite.run(paths: [folder])
        let elapsed = EngineBenchmark.seconds(clock.now - start)
        let passed = report.results.filter(\.passed).count
        let perScenario = (elapsed * 1000 / Double(max(1, report.results.count))).fixed(1)
        score.report(
            "scenario.catalogue", "\(elapsed.fixed(3)) s", value: elapsed, target: .below(3, "s"),
            details:
                "\(report.results.count) scenarios (\(passed) passed) through ScenarioSuite over \(folder) with "
                + "ScenarioComposition.factory, \(perScenario) ms per scenario", io: io)
    }
}
