import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

/// `wait_for_fill` polls on the injected clock and sleeper: no real sleeping here.
@Suite("wait_for_fill")
struct WaitForFillTests {
    static func fixture(_ statuses: [OrderStatus]) throws -> ToolFixture {
        var script = ScriptedBroker.Script()
        script.statuses = statuses
        return try ToolFixture(script: script)
    }

    @Test("polls every 2 s of virtual time until the order is final")
    func untilFilled() async throws {
        let fixture = try Self.fixture([.pending, .submitted, .filled])
        let result = try await fixture.call("wait_for_fill", ["order_id": "1001"])
        #expect(result.data?["status"] == "filled")
        #expect(result.data?["timed_out"] == false)
        #expect(result.data?["polls"] == 3)
        #expect(result.data?["waited_seconds"] == "4.000")
        #expect(fixture.clock.sleeps == [.seconds(2), .seconds(2)])
    }

    @Test("stops at the timeout and says so", arguments: [(Double(10), 6), (0, 1), (3, 3)])
    func timesOut(timeout: Double, polls: Int) async throws {
        let fixture = try Self.fixture([.submitted])
        let result = try await fixture.call("wait_for_fill", ["order_id": "1001", "timeout_seconds": .double(timeout)])
        #expect(result.data?["timed_out"] == true)
        #expect(result.data?["polls"] == .int(polls))
        #expect(fixture.broker.statusReads == polls)
    }

    @Test("ends even when the clock does not move")
    func frozenClock() async throws {
        let fixture = try Self.fixture([.submitted])
        let environment = ToolEnvironment(
            broker: fixture.guarded, name: .twin, now: { Date(timeIntervalSince1970: 0) }, sleep: { _ in })
        let tool = WaitForFillTool.make(environment)
        let result = try await tool.handler(["order_id": "1", "timeout_seconds": 6], .detached())
        #expect(result.structuredContent?["data"]?["polls"] == 4)
    }

    @Test("sends increasing progress notifications over a server")
    func progress() async throws {
        let fixture = try Self.fixture([.submitted, .submitted, .filled])
        let harness = ServerHarness(
            server: ValetToolbox.server(
                fixture.environment, info: ServerInfo(name: "valet", version: "t"), stderr: { _ in }))
        await harness.initialize()
        let reply = await harness.request(
            3, "tools/call",
            ["name": "wait_for_fill", "arguments": ["order_id": "1001"], "_meta": ["progressToken": "p1"]])
        #expect(reply.result?["structuredContent"]?["data"]?["status"] == "filled")
        let messages = await harness.finish()
        let progress = messages.filter { $0["method"] == "notifications/progress" }
            .compactMap { $0["params"]?["progress"]?.doubleValue }
        #expect(progress == [1, 2])
    }

    @Test("stops when the call is cancelled")
    func cancelled() async throws {
        let fixture = try Self.fixture([.submitted])
        let environment = ToolEnvironment(
            broker: fixture.guarded, name: .twin, now: { fixture.clock.now },
            sleep: { _ in throw CancellationError() })
        let tool = WaitForFillTool.make(environment)
        let result = try await tool.handler(["order_id": "1"], .detached())
        #expect(result.structuredContent?["error"]?["code"] == "cancelled")
        #expect(fixture.broker.statusReads == 1)
    }
}
