import Foundation
import MCPKit
import Testing

@Suite("Handshake era")
struct HandshakeTests {
    @Test(
        "initialize echoes a supported version and offers the latest otherwise",
        arguments: [
            ("2025-11-25", "2025-11-25"), ("2025-06-18", "2025-06-18"), ("2025-03-26", "2025-03-26"),
            ("2024-11-05", "2024-11-05"), ("2026-07-28", "2025-11-25"), ("1999-01-01", "2025-11-25"),
        ]
    )
    func negotiation(requested: String, expected: String) async {
        let harness = ServerHarness()
        let reply = await harness.initialize(version: requested)
        #expect(reply.result?["protocolVersion"] == .string(expected))
        #expect(reply.result?["serverInfo"]?["name"] == "test")
        #expect(reply.result?["instructions"] == "test server")
        #expect(reply.result?["capabilities"]?["tools"] != nil)
        #expect(reply.result?["capabilities"]?["logging"] != nil)
        _ = await harness.finish()
    }

    @Test("initialize without a string protocolVersion is invalid params")
    func missingVersion() async {
        let harness = ServerHarness()
        #expect(await harness.request(1, "initialize", ["capabilities": [:]]).errorCode == -32602)
        #expect(await harness.request(2, "initialize", ["protocolVersion": 5]).errorCode == -32602)
        #expect(
            await harness.request(3, "initialize", ["protocolVersion": "2025-11-25", "capabilities": 1]).errorCode
                == -32602)
        _ = await harness.finish()
    }

    @Test("a second initialize is refused")
    func secondInitialize() async {
        let harness = ServerHarness()
        await harness.initialize()
        let again = await harness.request(9, "initialize", ["protocolVersion": "2025-11-25"])
        #expect(again.errorCode == -32600)
        _ = await harness.finish()
    }

    @Test("before initialize: ping works, known methods are refused, unknown ones are not found")
    func beforeInitialize() async {
        let harness = ServerHarness()
        #expect(await harness.request(1, "ping").result == [:])
        #expect(await harness.request(2, "tools/list").errorCode == -32600)
        #expect(await harness.request(3, "server/discover").errorCode == -32601)
        #expect(await harness.request(4, "no/such").errorCode == -32601)
        _ = await harness.finish()
    }

    @Test("the server keeps serving after every kind of bad line")
    func keepsServing() async {
        let harness = ServerHarness()
        await harness.initialize()
        for line in MessageParsingTests.invalid.map(\.line) + ["\u{1}\u{2}", "{}"] {
            harness.send(line)
        }
        #expect(await harness.request(100, "ping").result == [:])
        let all = await harness.finish()
        let errors = all.filter { $0["error"] != nil }
        #expect(errors.count == MessageParsingTests.invalid.count + 2)
        #expect(errors.allSatisfy { $0["jsonrpc"] == "2.0" })
        #expect(errors.filter { $0["error"]?["code"] == -32700 }.allSatisfy { $0["id"] == .null })
    }

    @Test("a line over the size limit is refused and the next one is served")
    func oversizedLine() async {
        let server = MCPServer(info: ServerInfo(name: "t", version: "1"), stderr: { _ in })
        let harness = ServerHarness(server: server, maximumLineBytes: 64)
        harness.send(
            #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 200) + "\"}}")
        #expect(await harness.request(2, "ping").result == [:])
        let all = await harness.finish()
        #expect(all.first?.errorCode == -32600)
        #expect(all.first?["id"] == .null)
    }

    @Test("notifications are never answered, known or not")
    func notifications() async {
        let harness = ServerHarness()
        await harness.initialize()
        harness.send(#"{"jsonrpc":"2.0","method":"notifications/whatever","params":{"a":1}}"#)
        harness.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":999}}"#)
        let all = await harness.finish()
        #expect(all.count == 1)
    }

    @Test("a request on the last line without a newline is still answered at EOF")
    func lastLineWithoutNewline() async {
        let harness = ServerHarness()
        harness.transport.receive(bytes: Data(#"{"jsonrpc":"2.0","id":5,"method":"ping"}"#.utf8))
        let all = await harness.finish()
        #expect(all.map { $0["id"] } == [5])
    }

    @Test("logging/setLevel validates the level and then filters notifications/message")
    func logging() async {
        let harness = ServerHarness(tools: [TestTools.progress])
        await harness.initialize()
        #expect(await harness.request(1, "logging/setLevel", ["level": "loud"]).errorCode == -32602)
        #expect(await harness.request(2, "logging/setLevel", ["level": "info"]).result == [:])
        _ = await harness.request(3, "tools/call", ["name": "progress"])
        let all = await harness.finish()
        let logs = all.filter { $0["method"] == "notifications/message" }
        #expect(logs.count == 1)
        #expect(logs.first?["params"]?["level"] == "warning")
        #expect(logs.first?["params"]?["data"] == "progress done")
    }

    @Test("a request carrying the 2026 envelope is refused on a handshake connection")
    func envelopeOnHandshake() async {
        let harness = ServerHarness(tools: [TestTools.echo])
        await harness.initialize()
        let reply = await harness.request(1, "tools/list", ["_meta": modernMeta()])
        #expect(reply.errorCode == -32600)
        _ = await harness.finish()
    }
}
