import Foundation
import Testing

@testable import Rehearsal

/// Every scenario in scenarios/ on the real stack (MCP server, tools, guards, journal, adapter, twin): its
/// expectations, the safety invariants after every step, and its golden transcript recorded by an earlier process.
@Suite("Scenario catalogue on the real stack")
struct ScenarioGoldenTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var files: [String] {
        ScenarioSuite.scenarioFiles(in: [root.appendingPathComponent("scenarios").path]).files
    }

    static let factory = TwinTargetFactory { scenario in
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "valet-test-\(scenario.name)-\(UUID().uuidString)")
    }

    @Test("each scenario passes and matches its golden transcript", arguments: files)
    func scenario(file: String) async {
        let result = await ScenarioSuite(factory: Self.factory, options: .init()).run(file: file)
        #expect(result.passed, "\(SuiteReport(results: [result]).summary)")
    }

    @Test("a scenario run twice gives byte-identical transcripts", arguments: files.prefix(4))
    func deterministic(file: String) async throws {
        let scenario = try ScenarioDecoder.load(path: file)
        let first = await ScenarioRunner().run(scenario, on: try await Self.factory.makeScenarioTarget(for: scenario))
        let second = await ScenarioRunner().run(scenario, on: try await Self.factory.makeScenarioTarget(for: scenario))
        #expect(first.transcriptText == second.transcriptText)
        #expect(!first.transcript.isEmpty)
    }

    @Test("a run keeps what its chart draws: trigger lines from the twin's orders and the refused order calls")
    func chartData() async throws {
        let scenario = try ScenarioDecoder.load(
            path: Self.root.appendingPathComponent("scenarios/sell-while-stop-rests-refused.json").path)
        let run = await ScenarioRunner().run(scenario, on: try await Self.factory.makeScenarioTarget(for: scenario))
        // The stop at 185 worked until its cancel; the trailing stop's trigger sits 5 below the price.
        let stop = try #require(run.levelLines.first { $0.orderType == "STP" })
        #expect(stop.points.map(\.last) == [185] && stop.end != nil)
        let trail = try #require(run.levelLines.first { $0.orderType == "TRAIL" })
        #expect(trail.points.first?.last == 185 && trail.side == "SELL")
        #expect(run.refusals.map(\.code) == ["would_open_short", "would_open_short"])
        #expect(run.refusals.allSatisfy { $0.tool == "sell" && $0.side == "SELL" && $0.price == 190 })

        // A limit buy moved from 185 to 188 by modify_order: its line steps to where the twin now holds it.
        let modified = try ScenarioDecoder.load(
            path: Self.root.appendingPathComponent("scenarios/modify-working-limit.json").path)
        let second = await ScenarioRunner().run(
            modified, on: try await Self.factory.makeScenarioTarget(for: modified))
        let limit = try #require(second.levelLines.first { $0.orderType == "LMT" })
        #expect(limit.points.map(\.last) == [185, 188] && limit.end != nil)
    }

    @Test("another seed changes a run that draws randomness")
    func seedsDiffer() async throws {
        var scenario = try ScenarioDecoder.load(
            path: Self.root.appendingPathComponent("scenarios/dollar-buy-fractional.json").path)
        let first = await ScenarioRunner().run(scenario, on: try await Self.factory.makeScenarioTarget(for: scenario))
        scenario.seed = 99
        let second = await ScenarioRunner().run(scenario, on: try await Self.factory.makeScenarioTarget(for: scenario))
        #expect(first.transcriptText != second.transcriptText)
    }
}
