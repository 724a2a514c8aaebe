import Foundation
import MCPKit
import Testing
import TradingDomain
import TradingSafety

@testable import ValetTools

/// Live real-money orders wait for a person, and only a person can approve one (issue 11, item 4): the client's
/// form when it has one, else `valet confirm` in a terminal recording a single-use, expiring approval bound to the
/// exact resolved order. Nothing the agent receives approves anything.
@Suite("Live-money approval by a person")
struct LiveConfirmationTests {
    static func live() throws -> ToolFixture {
        try ToolFixture(name: .liveReal, allowLive: true, paper: false, script: ToolHappyPathTests.script())
    }

    static let buy: [String: JSONValue] = ["symbol": "AAPL", "quantity": 1]

    static func store(_ fixture: ToolFixture) throws -> ApprovalStore {
        try #require(fixture.environment.approvals)
    }

    static func reference(_ result: CallToolResult) throws -> String {
        try #require(result.structuredContent?["error"]?["approval_reference"]?.stringValue)
    }

    @Test("the agent gets a pending request and a reference, never anything that approves")
    func agentGetsNoApproval() async throws {
        let fixture = try Self.live()
        let first = try await fixture.call("buy", Self.buy)
        #expect(first.errorCode == "approval_pending")
        #expect(try Self.reference(first) == "REF1")
        #expect(first.structuredContent?["error"]?["hint"]?.stringValue?.contains("valet confirm REF1") == true)
        let text = JSONWriter.string(first.structuredContent ?? .null)
        #expect(!text.contains("token"))
        #expect(fixture.broker.calls.isEmpty)
        // Asking again does not stack requests; the person sees one.
        let again = try await fixture.call("buy", Self.buy)
        #expect(try Self.reference(again) == "REF1")
        let pending = try Self.store(fixture).pending(now: fixture.clock.now)
        #expect(pending.map(\.reference) == ["REF1"])
        let request = try #require(pending.first?.request)
        #expect(request.account == "U7654321")
        #expect(request.order.side == .buy && request.order.quantity == 1 && request.order.orderType == .market)
        #expect(request.timeInForce == .day)
        #expect(request.estimatedCost == 201)  // the ask: the worst price a market buy can pay
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("no argument approves: the old confirmation_token is refused as an unknown argument")
    func noTokenArgument() async throws {
        let fixture = try Self.live()
        let harness = ServerHarness(
            server: ValetToolbox.server(
                fixture.environment, info: ServerInfo(name: "valet", version: "t"), stderr: { _ in }))
        await harness.initialize()
        for tool in ["buy", "sell", "stop_order", "trailing_stop", "bracket_order", "modify_order", "close_position"] {
            let schema = await harness.request(1, "tools/list").result?["tools"]?.arrayValue?
                .first { $0["name"]?.stringValue == tool }?["inputSchema"]
            #expect(schema?["properties"]?["confirmation_token"] == nil, "\(tool)")
        }
        let reply = await harness.request(
            2, "tools/call",
            ["name": "buy", "arguments": ["symbol": "AAPL", "quantity": 1, "confirmation_token": "x"]])
        #expect(reply.result?["isError"] == true)
        #expect(fixture.broker.calls.isEmpty)
        _ = await harness.finish()
    }

    @Test("after the person approves, the same call places the order once; the approval is then spent")
    func approvedOnce() async throws {
        let fixture = try Self.live()
        let store = try Self.store(fixture)
        let reference = try Self.reference(try await fixture.call("buy", Self.buy))
        _ = try store.approve(reference, now: fixture.clock.now)

        let placed = try await fixture.call("buy", Self.buy)
        #expect(placed.isError == false, "\(placed.structuredContent ?? .null)")
        #expect(fixture.broker.calls.count == 1)
        // The journal holds the person's approval just before the order's intent.
        let kinds = fixture.journal.records.map(\.kind)
        #expect(kinds.prefix(2) == [.approval, .intent])
        let approval = try #require(fixture.journal.records.first)
        #expect(approval.clientOrderID.value == "approval-\(reference)")
        #expect(approval.paper == false && approval.account == "U7654321")
        #expect(approval.order == fixture.journal.records[1].order)
        #expect(approval.message?.contains("valet confirm \(reference)") == true)

        // Past the duplicate window, the same order needs a new approval.
        fixture.clock.advance(by: 10)
        let again = try await fixture.call("buy", Self.buy)
        #expect(again.errorCode == "approval_pending")
        #expect(try Self.reference(again) != reference)
        #expect(fixture.broker.calls.count == 1)
    }

    @Test("an approval covers only the exact order: another quantity needs its own")
    func boundToQuantity() async throws {
        let fixture = try Self.live()
        let store = try Self.store(fixture)
        let reference = try Self.reference(try await fixture.call("buy", Self.buy))
        _ = try store.approve(reference, now: fixture.clock.now)
        let bigger = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 2])
        #expect(bigger.errorCode == "approval_pending")
        #expect(try Self.reference(bigger) != reference)
        let sell = try await fixture.call("sell", ["symbol": "AAPL", "quantity": 1])
        #expect(sell.errorCode == "approval_pending")
        #expect(fixture.broker.calls.isEmpty)
        let exact = try await fixture.call("buy", Self.buy)
        #expect(exact.isError == false, "\(exact.structuredContent ?? .null)")
        #expect(fixture.broker.calls.count == 1)
    }

    @Test(
        "an approval lasts 300 s and a request 600 s on the injected clock",
        arguments: [(299.0, true), (300.0, false)])
    func approvalExpiry(after seconds: Double, accepted: Bool) async throws {
        let fixture = try Self.live()
        let store = try Self.store(fixture)
        let reference = try Self.reference(try await fixture.call("buy", Self.buy))
        _ = try store.approve(reference, now: fixture.clock.now)
        fixture.clock.advance(by: seconds)
        let result = try await fixture.call("buy", Self.buy)
        #expect(result.isError == !accepted)
        #expect(accepted || result.errorCode == "approval_pending")
        #expect(fixture.broker.calls.count == (accepted ? 1 : 0))
    }

    @Test("a request nobody approved in 600 s can no longer be approved")
    func requestExpiry() async throws {
        let fixture = try Self.live()
        let store = try Self.store(fixture)
        let reference = try Self.reference(try await fixture.call("buy", Self.buy))
        fixture.clock.advance(by: 600)
        #expect(throws: TradingError.self) { try store.approve(reference, now: fixture.clock.now) }
        let again = try await fixture.call("buy", Self.buy)
        #expect(try Self.reference(again) != reference)
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("close_position asks approval for the quantity it will sell, not for the symbol")
    func closeBoundToQuantity() async throws {
        let fixture = try Self.live()
        let store = try Self.store(fixture)
        let first = try await fixture.call("close_position", ["symbol": "AAPL"])
        #expect(first.errorCode == "approval_pending")
        let reference = try Self.reference(first)
        let request = try #require(try store.pending(now: fixture.clock.now).first?.request)
        #expect(request.tool == "close_position")
        #expect(request.order.side == .sell && request.order.quantity == 25, "\(request.order)")
        _ = try store.approve(reference, now: fixture.clock.now)
        // The position grew: the approval for 25 shares does not close 40.
        fixture.broker.update { script in script.positions[0].quantity = 40 }
        let grown = try await fixture.call("close_position", ["symbol": "AAPL"])
        #expect(grown.errorCode == "approval_pending")
        #expect(try Self.reference(grown) != reference)
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("paper, twin and dry-run orders need no approval")
    func noConfirmationOffLive() async throws {
        for fixture in [
            try ToolFixture(name: .livePaper), try ToolFixture(name: .twin),
            try ToolFixture(dryRun: true, name: .liveReal, allowLive: true, paper: false),
        ] {
            let result = try await fixture.call("buy", Self.buy)
            #expect(result.isError == false, "\(result.structuredContent ?? .null)")
            #expect(await fixture.environment.needsPersonApproval() == false)
            #expect(fixture.journal.records.allSatisfy { $0.kind != .approval })
        }
    }

    @Test("modern era with elicitation: asked first, and an answer for one order never approves another")
    func modernEraAsks() async throws {
        let fixture = try Self.live()
        let tool = try #require(fixture.tools["buy"])
        let asking = ToolContext.detached(
            era: .modern, protocolVersion: "2026-07-28", clientCapabilities: ["elicitation": [:]])
        let required = await #expect(throws: InputRequired.self) { _ = try await tool.handler(Self.buy, asking) }
        let key = try #require(required?.inputRequests.keys.first)
        #expect(try Self.store(fixture).pending(now: fixture.clock.now).isEmpty)

        let yes: JSONValue = ["action": "accept", "content": ["confirm": true]]
        let otherOrder = ToolContext.detached(
            era: .modern, protocolVersion: "2026-07-28", clientCapabilities: ["elicitation": [:]],
            inputResponses: [key: yes])
        await #expect(throws: InputRequired.self) {
            _ = try await tool.handler(["symbol": "AAPL", "quantity": 2], otherOrder)
        }
        #expect(fixture.broker.calls.isEmpty)
        let placed = try await tool.handler(Self.buy, otherOrder)
        #expect(placed.isError == false)
        #expect(fixture.broker.calls.count == 1)
        #expect(fixture.journal.records.first?.kind == .approval)
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
            let question = ask["params"]?["message"]?.stringValue ?? ""
            #expect(question.contains("REAL MONEY on account U7654321"))
            #expect(question.contains("BUY 1 AAPL MKT"))
            harness.send(
                .object([
                    "jsonrpc": "2.0", "id": ask["id"] ?? .null,
                    "result": ["action": "accept", "content": ["confirm": .bool(answer)]],
                ]))
            let reply = await harness.response(to: 5)
            #expect(reply.result?["isError"] == (answer ? nil : true))
            #expect(fixture.broker.calls.count == sent)
            #expect(fixture.journal.records.contains { $0.kind == .approval } == answer)
            _ = await harness.finish()
        }
    }

    @Test("preview_order approves nothing; instructions and session_status state the rule")
    func stated() async throws {
        let fixture = try Self.live()
        let preview = try await fixture.call("preview_order", Self.buy)
        #expect(preview.data?["needs_person_approval"] == true)
        #expect(preview.data?["confirmation_token"] == nil)
        let text = ValetToolbox.instructions(for: fixture.environment)
        #expect(text.contains("live-real"))
        #expect(text.contains("REAL money"))
        #expect(text.contains("valet confirm"))
        #expect(!text.contains("confirmation_token"))
        let status = try await fixture.call("session_status")
        #expect(status.data?["environment"] == "live-real")
        #expect(status.data?["confirmation_required"] == true)
        #expect(status.data?["account_type"] == "LIVE")
        #expect(status.data?["warning"]?.stringValue?.contains("REAL money") == true)
        let twin = try ToolFixture(dryRun: true)
        #expect(ValetToolbox.instructions(for: twin.environment).contains("Dry run is ON"))
    }
}
