import Foundation
import MCPKit
import Testing

@testable import Rehearsal

@Suite("Scenario suite: golden transcripts, charts, reports")
struct ScenarioSuiteTests {
    static let text = scenarioText(
        steps: #"{"call": "buy", "arguments": {"symbol": "AAPL", "cash_amount": 95}, "expect": {"ok": true}}"#,
        extra: #""settings": {"TRADING_DRY_RUN": "false"},"#)

    @Test("a missing golden fails; --update-golden writes it and still fails; then the run passes")
    func goldenLifecycle() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("buy.json", Self.text)
        let plain = ScenarioSuite(factory: ScriptedFactory(), options: .init())

        let first = await plain.run(paths: [folder.path])
        #expect(first.results.count == 1)
        #expect(first.results[0].golden == .missing)
        #expect(!first.passed)

        let updating = ScenarioSuite(factory: ScriptedFactory(), options: .init(updateGolden: true))
        let second = await updating.run(paths: [folder.file("buy.json")])
        #expect(second.results[0].golden == .updated)
        #expect(!second.passed, "a run that rewrote the golden file fails")
        #expect(second.summary.contains("this run fails on purpose"))
        let golden = try #require(folder.read("buy.golden.jsonl"))
        #expect(golden == second.results[0].run?.transcriptText)

        let third = await plain.run(paths: [folder.path])
        #expect(third.results.count == 1, "golden files are not scenarios")
        #expect(third.results[0].golden == .matched)
        #expect(third.passed)
    }

    @Test("a changed transcript fails and shows the first differing line")
    func goldenChanged() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("buy.json", Self.text)
        _ = await ScenarioSuite(factory: ScriptedFactory(), options: .init(updateGolden: true)).run(paths: [folder.path]
        )
        let report = await ScenarioSuite(factory: ScriptedFactory(), options: .init(seed: 99)).run(paths: [folder.path])
        guard case .changed(let line, let expected, let actual)? = report.results[0].golden else {
            Issue.record("expected a changed golden, got \(String(describing: report.results[0].golden))")
            return
        }
        #expect(line == 1)
        #expect(expected.contains(#""seed":"7""#))
        #expect(actual.contains(#""seed":"99""#))
        #expect(!report.passed)
    }

    @Test("compare finds the first differing line, including a shorter transcript")
    func compare() {
        #expect(GoldenTranscript.compare("a\nb\n", golden: "a\nb\n") == .matched)
        #expect(GoldenTranscript.compare("a\nc\n", golden: "a\nb\n") == .changed(line: 2, expected: "b", actual: "c"))
        #expect(GoldenTranscript.compare("a\n", golden: "a\nb\n") == .changed(line: 2, expected: "b", actual: ""))
        #expect(GoldenTranscript.compare("a\n", golden: nil) == .missing)
        #expect(GoldenTranscript.path(forScenarioAt: "scenarios/x.json") == "scenarios/x.golden.jsonl")
    }

    @Test("bad files and missing paths are reported per file, and the unplugged factory says what is missing")
    func problems() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("bad.json", scenarioText(steps: #"{"call": "buy", "arguments": 1}"#))
        try folder.write("good.json", Self.text)
        let report = await ScenarioSuite(factory: UnpluggedTargetFactory(), options: .init())
            .run(paths: [folder.path, folder.file("absent.json")])
        #expect(
            report.results.map(\.file) == [
                folder.file("absent.json"), folder.file("bad.json"), folder.file("good.json"),
            ])
        #expect(report.results[0].problem == "no such file or folder")
        #expect(
            report.results[1].problem
                == #"\#(folder.file("bad.json")): step 1 (call): field "arguments" must be an object"#)
        #expect(
            report.results[2].problem?.hasPrefix("cannot build the scenario target: no scenario target is plugged in")
                == true)
        #expect(!report.passed)
        let json = report.json
        #expect(json["passed"] == false)
        #expect(json["scenarios"]?[1]?["problem"]?.stringValue?.contains("must be an object") == true)
    }

    @Test("--json reports expectations with path, expected and actual")
    func jsonReport() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(
            "x.json",
            scenarioText(
                steps: #"{"call": "buy", "arguments": {"symbol": "AAPL", "cash_amount": 95}, "expect": {"ok": false}}"#,
                extra: #""settings": {"TRADING_DRY_RUN": "false"},"#))
        let report = await ScenarioSuite(factory: ScriptedFactory(), options: .init()).run(paths: [folder.path])
        let expectation = report.json["scenarios"]?[0]?["expectations"]?[0]
        #expect(expectation?["passed"] == false)
        #expect(expectation?["mismatches"]?[0] == ["path": "ok", "expected": "false", "actual": "true"])
        #expect(report.json["scenarios"]?[0]?["golden"]?["status"] == "missing")
    }

    @Test("--chart writes one deterministic SVG per scenario")
    func chart() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("c.json", ScenarioRunnerTests.passing)
        let options = ScenarioSuite.Options(chartDirectory: folder.file("charts"))
        let first = await ScenarioSuite(factory: ScriptedFactory(), options: options).run(paths: [folder.file("c.json")]
        )
        #expect(first.results[0].chartPath == folder.file("charts/c.svg"))
        let svg = try #require(folder.read("charts/c.svg"))
        _ = await ScenarioSuite(factory: ScriptedFactory(), options: options).run(paths: [folder.file("c.json")])
        #expect(folder.read("charts/c.svg") == svg)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<polyline"))
        // The market buy fills at once; the limit buy is drawn at its limit, then filled when the price falls.
        #expect(svg.contains("<title>placed BUY #1000 @ 190</title>"))
        #expect(svg.contains("<title>filled BUY #1000 @ 190</title>"))
        #expect(svg.contains("<title>placed BUY #1001 @ 185</title>"))
        #expect(svg.contains("<title>filled BUY #1001 @ 184.5</title>"))
        #expect(!svg.contains("cancelled"))
    }
}
