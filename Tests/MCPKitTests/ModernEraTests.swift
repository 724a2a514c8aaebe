import Foundation
import MCPKit
import Testing

@Suite("Modern era (2026-07-28)")
struct ModernEraTests {
    @Test("server/discover with the envelope opens a modern connection")
    func discover() async {
        let harness = ServerHarness(tools: [TestTools.echo])
        let reply = await harness.request(1, "server/discover", ["_meta": modernMeta()])
        let result = reply.result
        #expect(result?["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true)
        #expect(result?["supportedVersions"]?.arrayValue?.contains("2025-11-25") == true)
        #expect(result?["resultType"] == "complete")
        #expect(result?["ttlMs"] == 0)
        #expect(result?["cacheScope"] == "private")
        #expect(result?["capabilities"]?["tools"] != nil)
        #expect(result?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test")
        #expect(result?["instructions"] == "test server")
        _ = await harness.finish()
    }

    @Test("every modern result names its resultType; lists carry cache hints")
    func resultShapes() async {
        let harness = ServerHarness(tools: [TestTools.echo])
        let meta = modernMeta()
        let list = await harness.request(1, "tools/list", ["_meta": meta])
        #expect(list.result?["resultType"] == "complete")
        #expect(list.result?["ttlMs"] != nil)
        #expect(list.result?["tools"]?[0]?["name"] == "echo")
        let call = await harness.request(2, "tools/call", ["name": "echo", "arguments": ["text": "m"], "_meta": meta])
        #expect(call.result?["resultType"] == "complete")
        #expect(call.result?["structuredContent"] == ["echo": "m"])
        #expect(call.result?["ttlMs"] == nil)
        _ = await harness.finish()
    }

    @Test("envelope problems: missing keys are invalid params, unknown versions are -32022")
    func envelope() async {
        let harness = ServerHarness(tools: [TestTools.echo])
        _ = await harness.request(1, "server/discover", ["_meta": modernMeta()])
        let missing = await harness.request(
            2, "tools/list", ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28"]])
        #expect(missing.errorCode == -32602)
        let none = await harness.request(3, "tools/list")
        #expect(none.errorCode == -32602)
        let unsupported = await harness.request(4, "tools/list", ["_meta": modernMeta(version: "2030-01-01")])
        #expect(unsupported.errorCode == -32022)
        #expect(unsupported["error"]?["data"]?["supported"] == ["2026-07-28"])
        #expect(unsupported["error"]?["data"]?["requested"] == "2030-01-01")
        _ = await harness.finish()
    }

    @Test("initialize, ping and logging/setLevel do not exist on a modern connection")
    func removedMethods() async {
        let harness = ServerHarness()
        _ = await harness.request(1, "server/discover", ["_meta": modernMeta()])
        let initialize = await harness.request(2, "initialize", ["protocolVersion": "2025-11-25"])
        #expect(initialize.errorCode == -32022)
        #expect(await harness.request(3, "ping", ["_meta": modernMeta()]).errorCode == -32601)
        #expect(
            await harness.request(4, "logging/setLevel", ["_meta": modernMeta(), "level": "info"]).errorCode == -32601)
        _ = await harness.finish()
    }

    @Test("a modern request logs to the client only at the level its envelope asks for")
    func perRequestLogLevel() async {
        let harness = ServerHarness(tools: [TestTools.progress])
        var meta = modernMeta().objectValue ?? [:]
        _ = await harness.request(1, "tools/call", ["name": "progress", "_meta": .object(meta)])
        meta["io.modelcontextprotocol/logLevel"] = "debug"
        _ = await harness.request(2, "tools/call", ["name": "progress", "_meta": .object(meta)])
        let all = await harness.finish()
        #expect(all.filter { $0["method"] == "notifications/message" }.count == 2)
    }
}

@Suite("Resources and prompts")
struct ResourcesAndPromptsTests {
    static let journal = Resource(uri: "valet://journal", name: "journal", mimeType: "application/x-ndjson") {
        "{\"kind\":\"intent\"}\n"
    }

    static let safeOrder = Prompt(
        name: "safe_order",
        description: "Walks through a safe order.",
        arguments: [.init(name: "symbol", required: true)]
    ) { arguments in
        [
            [
                "role": "user",
                "content": ["type": "text", "text": .string("Preview \(arguments["symbol"] ?? "") first.")],
            ]
        ]
    }

    @Test("resources list and read; an unknown uri is -32002 on the handshake era")
    func resources() async {
        let harness = ServerHarness(resources: [Self.journal])
        await harness.initialize()
        let list = await harness.request(1, "resources/list")
        #expect(list.result?["resources"]?[0]?["uri"] == "valet://journal")
        let read = await harness.request(2, "resources/read", ["uri": "valet://journal"])
        #expect(read.result?["contents"]?[0]?["text"] == "{\"kind\":\"intent\"}\n")
        #expect(await harness.request(3, "resources/read", ["uri": "valet://nope"]).errorCode == -32002)
        #expect(await harness.request(4, "resources/read", [:]).errorCode == -32602)
        #expect(await harness.request(5, "resources/templates/list").result?["resourceTemplates"] == [])
        _ = await harness.finish()
    }

    @Test("prompts list and get; unknown names and missing arguments are invalid params")
    func prompts() async {
        let harness = ServerHarness(prompts: [Self.safeOrder])
        await harness.initialize()
        let list = await harness.request(1, "prompts/list")
        #expect(list.result?["prompts"]?[0]?["arguments"]?[0]?["required"] == true)
        let got = await harness.request(2, "prompts/get", ["name": "safe_order", "arguments": ["symbol": "AAPL"]])
        #expect(got.result?["messages"]?[0]?["content"]?["text"] == "Preview AAPL first.")
        #expect(await harness.request(3, "prompts/get", ["name": "nope"]).errorCode == -32602)
        #expect(await harness.request(4, "prompts/get", ["name": "safe_order"]).errorCode == -32602)
        #expect(
            await harness.request(5, "prompts/get", ["name": "safe_order", "arguments": ["symbol": 1]]).errorCode
                == -32602)
        _ = await harness.finish()
    }
}
