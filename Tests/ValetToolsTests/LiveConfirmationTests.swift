import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

/// Live-money orders wait for a person: elicitation when the client can ask, otherwise a single-use token bound to
/// the exact order that expires after 60 seconds on the injected clock.
@Suite("Live-money confirmation")
struct LiveConfirmationTests {
    static func live() throws -> ToolFixture {
        try ToolFixture(name: .liveReal, allowLive: true, paper: false, script: ToolHappyPathTests.script())
    }

    static let buy: [String: JSONValue] = ["symbol": "AAPL", "quantity": 1]

    @Test("without a token the order is held, with one it goes, and the token works once")
    func tokenFlow() async throws {
        let fixture = try Self.live()
        let first = try await fixture.call("buy", Self.buy)
        #expect(first.errorCode == "confirmation_required")
        let token = try #require(first.structuredContent?["error"]?["confirmation_token"])
        #expect(fixture.broker.calls.isEmpty)

        var confirmed = Self.buy
        confirmed["confirmation_token"] = token
        let second = try await fixture.call("buy", confirmed)
        #expect(second.isError == false, "\(second.structuredContent ?? .null)")
        #expect(second.data?["environment"] == "live-real")
        #expect(fixture.broker.calls.count == 1)

        // Past the duplicate window, so only the spent token stands in the way.
        fixture.clock.advance(10)
        let replay = try await fixture.call("buy", confirmed)
        #expect(replay.errorCode == "confirmation_invalid")
        #expect(fixture.broker.calls.count == 1)
    }

    @Test("a token confirms only the order it was issued for")
    func mismatch() async throws {
        let fixture = try Self.live()
        let first = try await fixture.call("buy", Self.buy)
        let token = try #require(first.structuredContent?["error"]?["confirmation_token"])
        let other = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 2, "confirmation_token": token])
        #expect(other.errorCode == "confirmation_mismatch")
        let sell = try await fixture.call("sell", ["symbol": "AAPL", "quantity": 1, "confirmation_token": token])
        #expect(sell.errorCode == "confirmation_invalid")
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("a token expires after 60 seconds on the injected clock", arguments: [(59.0, true), (60.0, false)])
    func expiry(after seconds: Double, accepted: Bool) async throws {
        let fixture = try Self.live()
        let first = try await fixture.call("buy", Self.buy)
        let token = try #require(first.structuredContent?["error"]?["confirmation_token"])
        fixture.clock.advance(seconds)
        var confirmed = Self.buy
        confirmed["confirmation_token"] = token
        let result = try await fixture.call("buy", confirmed)
        #expect(result.isError == !accepted)
        #expect(accepted || result.errorCode == "confirmation_expired")
        #expect(fixture.broker.calls.count == (accepted ? 1 : 0))
    }

    @Test("preview_order issues the token for the matching buy")
    func previewIssuesToken() async throws {
        let fixture = try Self.live()
        let preview = try await fixture.call("preview_order", Self.buy)
        let token = try #require(preview.data?["confirmation_token"])
        #expect(preview.data?["confirms"] == "buy")
        var confirmed = Self.buy
        confirmed["confirmation_token"] = token
        let result = try await fixture.call("buy", confirmed)
        #expect(result.isError == false, "\(result.structuredContent ?? .null)")
    }

    @Test("paper, twin and dry-run orders need no confirmation")
    func noConfirmationOffLive() async throws {
        for fixture in [
            try ToolFixture(name: .livePaper), try ToolFixture(name: .twin),
            try ToolFixture(dryRun: true, name: .liveReal, allowLive: true, paper: false),
        ] {
            let result = try await fixture.call("buy", Self.buy)
            #expect(result.isError == false, "\(result.structuredContent ?? .null)")
            #expect(fixture.environment.requiresConfirmation == false)
        }
    }

    @Test("modern era with elicitation: the tool asks through InputRequired and sends nothing yet")
    func modernEraAsks() async throws {
        let fixture = try Self.live()
        let context = ToolContext.detached(
            era: .modern, protocolVersion: "2026-07-28", clientCapabilities: ["elicitation": [:]])
        let tool = try #require(fixture.tools["stop_order"])
        await #expect(throws: InputRequired.self) {
            _ = try await tool.handler(
                ["symbol": "AAPL", "side": "SELL", "quantity": 1, "stop_price": 180], context)
        }
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("handshake era over a server: the person's yes sends the order, a no sends nothing")
    func handshakeElicitation() async throws {
        for (answer, sent) in [(true, 1), (false, 0)] {
            let fixture = try Self.live()
            let harness = ServerHarness(
                server: ValetToolbox.server(
                    fixture.environment, info: ServerInfo(name: "valet", version: "t"), stderr: { _ in }))
            await harness.initialize(capabilities: ["elicitation": [:]])
            harness.send(
                .object([
                    "jsonrpc": "2.0", "id": 5, "method": "tools/call",
                    "params": ["name": "buy", "arguments": .object(Self.buy)],
                ]))
            let ask = await harness.message { $0["method"] == "elicitation/create" }
            #expect(ask["params"]?["message"]?.stringValue?.contains("REAL MONEY") == true)
            harness.send(
                .object([
                    "jsonrpc": "2.0", "id": ask["id"] ?? .null,
                    "result": ["action": "accept", "content": ["confirm": .bool(answer)]],
                ]))
            let reply = await harness.response(to: 5)
            #expect(reply.result?["isError"] == (answer ? nil : true))
            #expect(fixture.broker.calls.count == sent)
            _ = await harness.finish()
        }
    }

    @Test("the instructions and session_status state the environment and the confirmation rule")
    func stated() async throws {
        let fixture = try Self.live()
        let text = ValetToolbox.instructions(for: fixture.environment)
        #expect(text.contains("live-real"))
        #expect(text.contains("REAL money"))
        #expect(text.contains("confirmation_token"))
        let status = try await fixture.call("session_status")
        #expect(status.data?["environment"] == "live-real")
        #expect(status.data?["confirmation_required"] == true)
        #expect(status.data?["account_type"] == "LIVE")
        #expect(status.data?["warning"]?.stringValue?.contains("REAL money") == true)
        let twin = try ToolFixture(dryRun: true)
        #expect(ValetToolbox.instructions(for: twin.environment).contains("Dry run is ON"))
    }
}
