import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

/// The toolbox served by a real `MCPServer` on a `MemoryTransport`, driven with JSON-RPC lines.
@Suite("Served over MCP")
struct ServerIntegrationTests {
    static func harness(_ fixture: ToolFixture) -> ServerHarness {
        ServerHarness(
            server: ValetToolbox.server(
                fixture.environment, info: ServerInfo(name: "valet", version: "test"), stderr: { _ in }))
    }

    @Test("initialize states the environment; tools/list carries schemas and hints")
    func listing() async throws {
        let fixture = try ToolFixture(name: .livePaper)
        let harness = Self.harness(fixture)
        let hello = await harness.initialize()
        #expect(hello.result?["instructions"]?.stringValue?.contains("live-paper") == true)
        let list = await harness.request(1, "tools/list")
        let tools = list.result?["tools"]?.arrayValue ?? []
        #expect(tools.count == 26)
        let buy = tools.first { $0["name"] == "buy" }
        #expect(buy?["annotations"]?["destructiveHint"] == true)
        #expect(buy?["outputSchema"] != nil)
        #expect(buy?["inputSchema"]?["properties"]?["cash_amount"] != nil)
        _ = await harness.finish()
    }

    @Test("JSON-RPC lines: a quote, a buy and order status, each answer matching its schema")
    func calls() async throws {
        let fixture = try ToolFixture()
        let harness = Self.harness(fixture)
        await harness.initialize()
        harness.send(
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_quote","arguments":{"symbol":"AAPL"}}}"#
        )
        let quote = await harness.response(to: 2)
        #expect(quote.result?["structuredContent"]?["data"]?["last_price"] == "200")
        harness.send(
            #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"buy","arguments":{"symbol":"AAPL","cash_amount":50.25}}}"#
        )
        let buy = await harness.response(to: 3)
        #expect(buy.result?["structuredContent"]?["data"]?["cash_amount"] == "50.25")
        #expect(buy.result?["isError"] == nil)
        harness.send(
            #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"order_status","arguments":{"order_id":"1001"}}}"#
        )
        let status = await harness.response(to: 4)
        #expect(status.result?["structuredContent"]?["data"]?["order_id"] == "1001")
        #expect(fixture.broker.calls.count == 1)
        _ = await harness.finish()
    }

    @Test(
        "bad input over the wire is refused by name and the server keeps serving",
        arguments: [
            (#"{"name":"buy","arguments":{"symbol":"AAPL","quantity":"NaN"}}"#, "quantity"),
            (#"{"name":"buy","arguments":{"symbol":"AAPL","quantity":1e300}}"#, "quantity"),
            (#"{"name":"buy","arguments":{"symbol":"AAPL","quantity":-3}}"#, "quantity"),
            (#"{"name":"buy","arguments":{"symbol":"AAPL","quantity":0}}"#, "quantity"),
            (#"{"name":"sell","arguments":{"symbol":"","quantity":1}}"#, "symbol"),
            (#"{"name":"sell","arguments":{"symbol":"A\u0000B","quantity":1}}"#, "symbol"),
            (#"{"name":"stop_order","arguments":{"symbol":"AAPL","side":"SELL","quantity":1}}"#, "stop_price"),
            (#"{"name":"wait_for_fill","arguments":{"order_id":1.5}}"#, "order_id"),
            (#"{"name":"buy","arguments":{"symbol":"AAPL","quantity":1,"limit_prce":2}}"#, "limit_prce"),
            (#"{"name":"market_status","arguments":{"extra":1}}"#, "extra"),
        ])
    func badInput(params: String, argument: String) async throws {
        let fixture = try ToolFixture()
        let harness = Self.harness(fixture)
        await harness.initialize()
        harness.send(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"# + params + "}")
        let reply = await harness.response(to: 7)
        #expect(reply.result?["isError"] == true, "\(reply)")
        // Every refusal answers in the envelope, naming the argument at fault.
        #expect(reply.result?["structuredContent"]?["ok"] == false, "\(reply)")
        #expect(reply.result?["structuredContent"]?["error"]?["argument"]?.stringValue == argument, "\(reply)")
        let text = reply.result?["content"]?[0]?["text"]?.stringValue ?? ""
        #expect(text.contains(argument), "\(text)")
        let ping = await harness.request(8, "ping")
        #expect(ping.result != nil)
        #expect(fixture.broker.calls.isEmpty)
        #expect(fixture.journal.records.isEmpty)
        _ = await harness.finish()
    }

    @Test("duplicate keys in tool arguments buy nothing: the call is refused naming the key (issue 11, item 8)")
    func duplicateKeys() async throws {
        let fixture = try ToolFixture()
        let harness = Self.harness(fixture)
        await harness.initialize()
        harness.send(
            #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"buy","arguments":{"symbol":"AAPL","cash_amount":5,"cash_amount":500}}}"#
        )
        let reply = await harness.response(to: 7)
        #expect(reply.errorCode == -32602, "\(reply)")
        #expect(reply["error"]?["message"]?.stringValue?.contains("\"cash_amount\"") == true)
        let ping = await harness.request(8, "ping")
        #expect(ping.result != nil)
        #expect(fixture.broker.calls.isEmpty)
        #expect(fixture.journal.records.isEmpty)
        _ = await harness.finish()
    }

    @Test("a line that is not JSON gets a parse error and the server keeps serving")
    func garbage() async throws {
        let fixture = try ToolFixture()
        let harness = Self.harness(fixture)
        await harness.initialize()
        harness.send(
            #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"buy","arguments":{"quantity":NaN}}}"#)
        let error = await harness.message { $0["error"]?["code"] == -32700 }
        #expect(error["error"] != nil)
        let ping = await harness.request(10, "ping")
        #expect(ping.result != nil)
        #expect(fixture.broker.calls.isEmpty)
        _ = await harness.finish()
    }

    @Test("resources: the journal as JSON lines and the positions as JSON")
    func resources() async throws {
        let fixture = try ToolFixture(script: ToolHappyPathTests.script())
        _ = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 1])
        let harness = Self.harness(fixture)
        await harness.initialize()
        let list = await harness.request(1, "resources/list")
        let uris = list.result?["resources"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []
        #expect(uris == ["valet://journal", "valet://positions", "valet://orders"])
        let journal = await harness.request(2, "resources/read", ["uri": "valet://journal"])
        let text = journal.result?["contents"]?[0]?["text"]?.stringValue ?? ""
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let kinds = lines.compactMap { try? JSONParser.parse(Data($0.utf8))["kind"] }
        #expect(kinds == ["intent", "outcome"])
        let positions = await harness.request(3, "resources/read", ["uri": "valet://positions"])
        let json = try JSONParser.parse(Data((positions.result?["contents"]?[0]?["text"]?.stringValue ?? "").utf8))
        #expect(json[0]?["symbol"] == "AAPL")
        #expect(json[0]?["quantity"] == "25")
        _ = await harness.finish()
    }

    @Test("a subscribed client hears once that valet://orders changed when an order it reads fills; others do not")
    func fillNotification() async throws {
        var script = ScriptedBroker.Script()
        script.statuses = [.submitted, .filled]
        let fixture = try ToolFixture(script: script)
        let harness = Self.harness(fixture)
        let hello = await harness.initialize()
        #expect(hello.result?["capabilities"]?["resources"]?["subscribe"] == true)
        let subscribed = await harness.request(1, "resources/subscribe", ["uri": "valet://orders"])
        #expect(subscribed.result == .object([:]))
        #expect(await harness.request(2, "resources/subscribe", ["uri": "valet://nope"]).errorCode == -32602)
        func updates(_ id: Int) async -> [JSONValue] {
            let (_, lines) = await harness.exchange(
                id, "tools/call", ["name": "order_status", "arguments": ["order_id": "1001"]])
            return lines.filter { $0["method"] == "notifications/resources/updated" }.map {
                $0["params"]?["uri"] ?? .null
            }
        }
        #expect(await updates(3) == [])  // submitted: nothing filled yet
        #expect(await updates(4) == ["valet://orders"])  // filled; positions not subscribed, so not told
        #expect(await updates(5) == [])  // the same fill read again
        let orders = await harness.request(6, "resources/read", ["uri": "valet://orders"])
        #expect(orders.result?["contents"]?[0]?["text"]?.stringValue?.hasPrefix("[") == true)
        _ = await harness.request(7, "resources/unsubscribe", ["uri": "valet://orders"])
        _ = await harness.finish()
    }

    @Test("the safe_order prompt walks through preview, confirmation, placement and fill")
    func prompt() async throws {
        let fixture = try ToolFixture(name: .liveReal, allowLive: true, paper: false)
        let harness = Self.harness(fixture)
        await harness.initialize()
        let reply = await harness.request(
            1, "prompts/get", ["name": "safe_order", "arguments": ["symbol": "AAPL", "side": "buy", "amount": "2"]])
        let text = reply.result?["messages"]?[0]?["content"]?["text"]?.stringValue ?? ""
        for step in ["session_status", "preview_order", "confirm", "wait_for_fill", "REAL money", "BUY order for AAPL"]
        {
            #expect(text.contains(step), "\(step)")
        }
        _ = await harness.finish()
    }
}
