import Foundation
import Testing

@testable import Rehearsal

@Suite("Twin state view")
struct TwinStateViewTests {
    @Test(
        "each order carries the New York date its journal intent was written, which the daily-cap invariant groups by")
    func tradeDate() async throws {
        let file = ScenarioGoldenTests.root.appendingPathComponent("scenarios/dollar-buy-fractional.json").path
        let scenario = try ScenarioDecoder.load(path: file)
        let target = try await TwinScenarioTarget(scenario: scenario, directory: RecordReplayTests.scratch("state"))
        let run = await ScenarioRunner().run(scenario, on: target)
        #expect(run.failure == nil, "\(run.failure ?? "")")
        let orders = (await target.state())["orders"]?.arrayValue ?? []
        await target.close()
        #expect(!orders.isEmpty)
        // The scenario starts 2026-01-06 10:00 New York; the journal writes UTC with milliseconds.
        #expect(orders.allSatisfy { $0["trade_date"]?.stringValue == "2026-01-06" })
    }
}
