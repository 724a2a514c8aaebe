import Foundation
import MCPKit
import Testing

@Suite("Concurrency and cancellation")
struct ConcurrencyTests {
    @Test("a running slow tool does not delay ping or another call")
    func slowToolDoesNotBlock() async {
        let harness = ServerHarness(tools: [TestTools.slow, TestTools.echo])
        await harness.initialize()
        harness.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow"}}"#)
        #expect(await harness.request(2, "ping").result == [:])
        #expect(await harness.request(3, "tools/call", ["name": "echo", "arguments": ["text": "x"]]).result != nil)
        harness.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}"#)
        _ = await harness.finish()
    }

    @Test("a cancelled request gets no reply, and the server goes on")
    func cancellation() async {
        let harness = ServerHarness(tools: [TestTools.slow])
        await harness.initialize()
        harness.send(#"{"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"slow"}}"#)
        harness.send(
            #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"c1","reason":"user"}}"#)
        #expect(await harness.request(2, "ping").result == [:])
        let all = await harness.finish()
        #expect(!all.contains { $0["id"] == "c1" })
    }

    @Test("an id already in flight is refused without disturbing the running request")
    func duplicateID() async {
        let harness = ServerHarness(tools: [TestTools.slow])
        await harness.initialize()
        harness.send(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"slow"}}"#)
        harness.send(#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#)
        let refused = await harness.response(to: 7)
        #expect(refused.errorCode == -32600)
        harness.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7}}"#)
        let all = await harness.finish()
        #expect(all.filter { $0["id"] == 7 }.count == 1)
    }

    @Test("at EOF the server answers what is still running before it stops")
    func drainsAtEOF() async {
        let harness = ServerHarness(tools: [TestTools.echo])
        await harness.initialize()
        for id in 1...20 {
            harness.send(
                .object([
                    "jsonrpc": "2.0", "id": .int(id), "method": "tools/call",
                    "params": ["name": "echo", "arguments": ["text": "x"]],
                ]))
        }
        let all = await harness.finish()
        let answered = Set(all.compactMap { $0["id"]?.intValue })
        #expect(answered == Set(0...20))
    }
}

@Suite("Elicitation")
struct ElicitationTests {
    @Test("handshake era: the server asks the client and uses its answer")
    func handshakeElicitation() async {
        let harness = ServerHarness(tools: [TestTools.confirm])
        await harness.initialize(capabilities: ["elicitation": [:]])
        harness.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"confirm"}}"#)
        let ask = await harness.message { $0["method"] == "elicitation/create" }
        #expect(ask["params"]?["message"] == "Place the order?")
        #expect(ask["params"]?["mode"] == "form")
        let askID = ask["id"] ?? .null
        harness.send(
            .object(["jsonrpc": "2.0", "id": askID, "result": ["action": "accept", "content": ["confirm": true]]]))
        let reply = await harness.response(to: 1)
        #expect(reply.result?["structuredContent"] == ["action": "accept", "content": ["confirm": true]])
        _ = await harness.finish()
    }

    @Test("a client without elicitation is told so, and the tool can fall back")
    func unsupported() async {
        let harness = ServerHarness(tools: [TestTools.confirm])
        await harness.initialize()
        let reply = await harness.request(1, "tools/call", ["name": "confirm"])
        #expect(reply.result?["structuredContent"] == ["action": "unsupported"])
        _ = await harness.finish()
    }

    @Test("modern era: input_required, then the retried call with inputResponses completes")
    func modernInputRequired() async {
        let harness = ServerHarness(tools: [TestTools.confirm])
        let meta = modernMeta(capabilities: ["elicitation": [:]])
        let first = await harness.request(1, "tools/call", ["name": "confirm", "_meta": meta])
        #expect(first.result?["resultType"] == "input_required")
        let ask = first.result?["inputRequests"]?["confirm"]
        #expect(ask?["method"] == "elicitation/create")
        #expect(ask?["params"]?["message"] == "Place the order?")
        let retry = await harness.request(
            2,
            "tools/call",
            ["name": "confirm", "_meta": meta, "inputResponses": ["confirm": ["action": "decline"]]]
        )
        #expect(retry.result?["resultType"] == "complete")
        #expect(retry.result?["structuredContent"]?["action"] == "decline")
        _ = await harness.finish()
    }
}
