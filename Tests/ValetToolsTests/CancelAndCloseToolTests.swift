import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

/// `cancel_order`, `cancel_all_orders` and `close_position` at the MCP edge (issue 11): one known id per cancel,
/// nothing sent in dry-run, and a refused close is an error envelope, never `ok: true`.
@Suite("Tools: cancels and closes")
struct CancelAndCloseToolTests {
    @Test("cancel_order refuses -1 (IBKR's cancel-everything id) and ids the broker does not list; nothing is sent")
    func cancelRefusals() async throws {
        let fixture = try ToolFixture(script: ToolHappyPathTests.script())
        for id in ["-1", "-77", "abc"] {
            let result = try await fixture.call("cancel_order", ["order_id": .string(id)])
            #expect(result.isError == true)
            #expect(result.errorCode == "invalid_request", "\(id)")
            #expect(result.structuredContent?["error"]?["argument"] == "order_id")
            #expect(result.errorMessage.contains("cancel_all_orders") || result.errorMessage.contains(id))
        }
        let unknown = try await fixture.call("cancel_order", ["order_id": "78"])
        #expect(unknown.errorCode == "order_not_found")
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("cancel_all_orders in dry-run lists what it would cancel and sends nothing")
    func cancelAllDryRun() async throws {
        let fixture = try ToolFixture(dryRun: true, script: ToolHappyPathTests.script())
        let result = try await fixture.call("cancel_all_orders")
        let data = try #require(result.data)
        #expect(data["dry_run"] == true)
        #expect(data["cancelled"]?[0]?["order_id"] == "77")
        #expect(data["cancelled"]?[0]?["sent"] == false)
        let single = try await fixture.call("cancel_order", ["order_id": "77"])
        #expect(single.data?["sent"] == false)
        #expect(fixture.broker.calls.isEmpty)
        // The journal shows them (trade_history).
        let history = try await fixture.call("trade_history", ["limit": 10])
        #expect(history.data?[0]?["action"] == "cancel")
    }

    @Test("cancel_all_orders sends one cancel per working order and lists them")
    func cancelAllLive() async throws {
        let fixture = try ToolFixture(script: ToolHappyPathTests.script())
        let result = try await fixture.call("cancel_all_orders")
        #expect(result.data?["cancelled"]?[0]?["sent"] == true)
        #expect(fixture.broker.calls == [.cancel(OrderID("77"))])
    }

    @Test("a close refused by the repeat window is an error envelope, never ok: true")
    func closeRefusalIsAnError() async throws {
        let fixture = try ToolFixture(script: ToolHappyPathTests.script())
        let first = try await fixture.call("close_position", ["symbol": "AAPL"])
        #expect(first.data?["closed"] == true)
        // The scripted positions still show the shares, as IBKR's can for a while after a fill.
        let second = try await fixture.call("close_position", ["symbol": "AAPL"])
        #expect(second.isError == true)
        #expect(second.structuredContent?["ok"] == false)
        #expect(second.errorCode == "duplicate_order")
    }
}
