import Foundation
import HTTPCore
import MCPKit
import Testing

@testable import Rehearsal

/// The proof that the server runs identically offline and live: a scenario recorded on the twin replays from the
/// cassette through the same adapter path with identical tool results, and uses every recorded exchange.
@Suite("Record and replay through the adapter")
struct RecordReplayTests {
    static func scratch(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("valet-replay-\(name)-\(UUID().uuidString)")
    }

    /// The tool results of a run: every MCP response line, in order.
    static func toolResults(_ run: ScenarioRun) -> [String] {
        run.transcript.filter { $0.contains("\"kind\":\"mcp_response\"") }.map { line in
            // Drop the virtual timestamp: the results must agree, not the bookkeeping around them.
            guard let value = try? JSONParser.parse(Data(line.utf8)) else { return line }
            return JSONWriter.string(value["data"] ?? .null)
        }
    }

    @Test(
        "a twin run replays from its cassette with identical tool results",
        arguments: [
            "dollar-buy-fractional", "bracket-take-profit", "trailing-stop-ratchet", "daily-cap", "dry-run",
            "oversell-refused",
        ]
    )
    func replay(name: String) async throws {
        let file = ScenarioGoldenTests.root.appendingPathComponent("scenarios/\(name).json").path
        let scenario = try ScenarioDecoder.load(path: file)
        let cassetteURL = Self.scratch(name).appendingPathExtension("json")
        let live = try await TwinScenarioTarget(
            scenario: scenario, directory: Self.scratch(name), recordingTo: cassetteURL)
        let recorded = await ScenarioRunner().run(scenario, on: live)
        await live.close()
        let cassette = try Cassette.load(from: cassetteURL)
        #expect(cassette.exchanges.count > 5)

        let offline = try await TwinScenarioTarget(
            scenario: scenario, directory: Self.scratch(name), replaying: cassette)
        let replayed = await ScenarioRunner(invariants: []).run(scenario, on: offline)
        #expect(replayed.failure == nil, "\(replayed.failure ?? "")")
        // The cassette holds the account redacted (consistently); redact the live results the same way.
        var redactor = CassetteRedactor()
        let liveResults = Self.toolResults(recorded).map { redactor.redactAccounts(in: $0) }
        #expect(!liveResults.isEmpty)
        #expect(Self.toolResults(replayed) == liveResults)
        #expect(await offline.replayLeftovers().isEmpty)
        await offline.close()
    }
}
