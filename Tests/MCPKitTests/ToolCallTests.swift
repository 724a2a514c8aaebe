import Foundation
import MCPKit
import Testing

@Suite("Tools")
struct ToolCallTests {
    @Test("tools/list pages through every tool in order with opaque cursors")
    func pagination() async {
        let harness = ServerHarness(tools: TestTools.all, pageSize: 3)
        await harness.initialize()
        var names: [String] = []
        var cursor: JSONValue?
        var id = 1
        repeat {
            let reply = await harness.request(id, "tools/list", cursor.map { ["cursor": $0] })
            names += reply.result?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            cursor = reply.result?["nextCursor"]
            id += 1
        } while cursor != nil && id < 10
        #expect(names == TestTools.all.map(\.name))
        #expect(await harness.request(20, "tools/list", ["cursor": "bogus"]).errorCode == -32602)
        #expect(await harness.request(21, "tools/list", ["cursor": 3]).errorCode == -32602)
        _ = await harness.finish()
    }

    @Test("listed tools carry schemas, titles and annotations; older revisions get no output schema")
    func toolShape() async {
        let harness = ServerHarness(tools: [TestTools.echo])
        await harness.initialize()
        let tool = await harness.request(1, "tools/list").result?["tools"]?[0]
        #expect(tool?["inputSchema"]?["type"] == "object")
        #expect(tool?["outputSchema"] == TestTools.echoOutput)
        #expect(tool?["title"] == "Echo")
        #expect(tool?["annotations"]?["readOnlyHint"] == true)
        #expect(tool?["annotations"]?["openWorldHint"] == true)
        _ = await harness.finish()

        let old = ServerHarness(tools: [TestTools.echo])
        await old.initialize(version: "2025-03-26")
        let oldTool = await old.request(1, "tools/list").result?["tools"]?[0]
        #expect(oldTool?["outputSchema"] == nil)
        #expect(oldTool?["annotations"] != nil)
        let call = await old.request(2, "tools/call", ["name": "echo", "arguments": ["text": "hi"]])
        #expect(call.result?["structuredContent"] == nil)
        #expect(call.result?["content"]?[0]?["text"] == #"{"echo":"hi"}"#)
        _ = await old.finish()
    }

    @Test("a call returns structured content and the same JSON as text")
    func structuredResult() async {
        let harness = ServerHarness(tools: [TestTools.echo])
        await harness.initialize()
        let reply = await harness.request(1, "tools/call", ["name": "echo", "arguments": ["text": "hi"]])
        #expect(reply.result?["structuredContent"] == ["echo": "hi"])
        #expect(reply.result?["content"]?[0]?["type"] == "text")
        #expect(reply.result?["content"]?[0]?["text"] == #"{"echo":"hi"}"#)
        #expect(reply.result?["isError"] == nil)
        _ = await harness.finish()
    }

    struct BadCall: Sendable, CustomTestStringConvertible {
        var params: JSONValue
        var code: Int
        var testDescription: String { JSONWriter.string(params) }
    }

    @Test(
        "protocol-level mistakes in tools/call are JSON-RPC errors",
        arguments: [
            BadCall(params: ["name": "nope"], code: -32602),
            BadCall(params: ["arguments": [:]], code: -32602),
            BadCall(params: ["name": 5], code: -32602),
            BadCall(params: ["name": "echo", "arguments": "text"], code: -32602),
            BadCall(params: ["name": "echo", "arguments": [1, 2]], code: -32602),
            BadCall(params: ["name": "liar"], code: -32603),
            BadCall(params: ["name": "throwing"], code: -32603),
        ]
    )
    func protocolErrors(_ item: BadCall) async {
        let harness = ServerHarness(tools: TestTools.all)
        await harness.initialize()
        #expect(await harness.request(1, "tools/call", item.params).errorCode == item.code)
        #expect(await harness.request(2, "ping").result == [:])
        _ = await harness.finish()
    }

    @Test(
        "arguments that break the input schema are a tool error naming the field",
        arguments: [
            (JSONValue.object([:]), "arguments.text: is required"),
            (["text": 5], "arguments.text: expected string"),
            (["text": .string(String(repeating: "x", count: 21))], "at most 20 characters"),
            (["text": "a", "times": 0], "arguments.times: must be at least 1"),
            (["text": "a", "times": 1.5], "arguments.times: expected integer"),
            (["text": "a", "extra": true], "arguments.extra: is not a known field"),
        ] as [(JSONValue, String)]
    )
    func inputValidation(arguments: JSONValue, expected: String) async {
        let harness = ServerHarness(tools: [TestTools.echo])
        await harness.initialize()
        let reply = await harness.request(1, "tools/call", ["name": "echo", "arguments": arguments])
        #expect(reply.result?["isError"] == true)
        let text = reply.result?["content"]?[0]?["text"]?.stringValue ?? ""
        #expect(text.contains(expected), "\(text)")
        _ = await harness.finish()
    }

    @Test("a business failure is a result with isError")
    func businessFailure() async {
        let harness = ServerHarness(tools: [TestTools.refuses])
        await harness.initialize()
        let reply = await harness.request(1, "tools/call", ["name": "refuses"])
        #expect(reply.result?["isError"] == true)
        #expect(reply.result?["structuredContent"] == ["ok": false])
        _ = await harness.finish()
    }

    @Test("progress notifications follow the token and only increase")
    func progress() async {
        let harness = ServerHarness(tools: [TestTools.progress])
        await harness.initialize()
        _ = await harness.request(1, "tools/call", ["name": "progress", "_meta": ["progressToken": "p-1"]])
        _ = await harness.request(2, "tools/call", ["name": "progress"])
        let all = await harness.finish()
        let progress = all.filter { $0["method"] == "notifications/progress" }
        #expect(progress.map { $0["params"]?["progress"]?.doubleValue } == [1, 2, 3])
        #expect(progress.allSatisfy { $0["params"]?["progressToken"] == "p-1" })
        #expect(progress.first?["params"]?["message"] == "one")
    }
}
