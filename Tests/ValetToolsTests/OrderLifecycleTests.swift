import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

/// Order tools beyond the happy path: unknown outcomes and reconciliation, modify and cancel reach the broker.
@Suite("Order lifecycle")
struct OrderLifecycleTests {
    @Test("an unknown outcome says not to resend; reconcile_pending then finds the order")
    func unknownThenReconcile() async throws {
        var script = ScriptedBroker.Script()
        script.placeError = TradingError(.outcomeUnknown, "The gateway timed out after the order was sent.")
        let fixture = try ToolFixture(script: script)
        let buy = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 1])
        #expect(buy.errorCode == "outcome_unknown")
        #expect(buy.structuredContent?["error"]?["hint"]?.stringValue?.contains("reconcile_pending") == true)

        let again = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 1])
        #expect(again.errorCode == "unresolved_dispatch")
        let status = try await fixture.call("session_status")
        #expect(status.data?["unresolved_orders"]?.arrayValue?.count == 1)
        #expect(status.data?["safe_to_trade"] == false)

        fixture.broker.update { script in
            script.placeError = nil
            script.openOrders = [
                Order(
                    orderID: OrderID("555"), clientOrderID: try? ClientOrderID("t-1"), symbol: try? Symbol("AAPL"),
                    side: .buy, status: .filled, quantity: 1, filledQuantity: 1)
            ]
        }
        let report = try await fixture.call("reconcile_pending")
        #expect(report.data?["unresolved_before"] == 1)
        #expect(report.data?["resolved"]?[0]?["client_order_id"] == "t-1")
        #expect(report.data?["resolved"]?[0]?["status"] == "filled")
        #expect(report.data?["resolved"]?[0]?["size"] == "1")
        #expect(report.data?["still_unresolved"] == [])
    }

    @Test("modify_order sends the new order for the given id; cancel_order reaches the broker")
    func modifyAndCancel() async throws {
        let fixture = try ToolFixture(script: ToolHappyPathTests.script())
        let modified = try await fixture.call(
            "modify_order", ["order_id": "77", "symbol": "AAPL", "side": "SELL", "quantity": 10, "stop_price": 185])
        #expect(modified.data?["time_in_force"] == "GTC")
        let order = try OrderRequest(
            symbol: Symbol("AAPL"), side: .sell, size: .quantity(10), type: .stop(trigger: 185),
            timeInForce: .goodTillCancelled)
        #expect(fixture.broker.calls == [.modify(OrderID("77"), order)])
        let cancelled = try await fixture.call("cancel_order", ["order_id": "77"])
        #expect(cancelled.data?["status"] == "pending")
        #expect(fixture.broker.calls.last == .cancel(OrderID("77")))
    }

    @Test("a guard refusal is an envelope naming the reason, journaled as blocked, never sent")
    func guardRefusal() async throws {
        let fixture = try ToolFixture(maxOrderValue: 100)
        let result = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 5])
        #expect(result.errorCode == "order_value_cap_exceeded")
        #expect(fixture.broker.calls.isEmpty)
        #expect(fixture.sentLines.isEmpty)
        #expect(fixture.journal.records.map(\.outcome) == [.blocked])
    }

    @Test("modern era: an order the guards refuse is not put to the user; a good one is confirmed via inputResponses")
    func modernRetry() async throws {
        let fixture = try ToolFixture(name: .liveReal, allowLive: true, paper: false)
        let harness = ServerHarness(
            server: ValetToolbox.server(
                fixture.environment, info: ServerInfo(name: "valet", version: "t"), stderr: { _ in }))
        let meta = modernMeta(capabilities: ["elicitation": [:]])
        let short: JSONValue = ["name": "sell", "arguments": ["symbol": "AAPL", "quantity": 1], "_meta": meta]
        let refused = await harness.request(0, "tools/call", short)
        #expect(refused.result?["structuredContent"]?["error"]?["code"] == "would_open_short")
        let call: JSONValue = ["name": "buy", "arguments": ["symbol": "AAPL", "quantity": 1], "_meta": meta]
        let first = await harness.request(1, "tools/call", call)
        #expect(first.result?["resultType"] == "input_required")
        #expect(fixture.broker.calls.isEmpty)
        // The question's key names the exact order; the client answers under it.
        let key = try #require(first.result?["inputRequests"]?.objectValue?.keys.first)
        var retry = call.objectValue ?? [:]
        retry["inputResponses"] = .object([key: ["action": "accept", "content": ["confirm": true]]])
        let second = await harness.request(2, "tools/call", .object(retry))
        #expect(second.result?["structuredContent"]?["ok"] == true, "\(second)")
        #expect(fixture.broker.calls.count == 1)
        _ = await harness.finish()
    }
}
