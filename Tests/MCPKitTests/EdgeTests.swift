import Foundation
import MCPKit
import Synchronization
import Testing

/// Read-only calls that stay open until the test lets them finish, counting how many run at once.
final class HeldReads: Sendable {
    private let state = Mutex(
        (running: 0, most: 0, started: 0, open: false, waiting: [CheckedContinuation<Void, Never>]()))

    var most: Int { state.withLock { $0.most } }
    var started: Int { state.withLock { $0.started } }

    /// Lets every held call (and every later one) finish.
    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    var tool: Tool {
        Tool(name: "held_read", description: "A read held open by the test.", annotations: .readOnly()) { _, _ in
            await withCheckedContinuation { continuation in
                let resumeNow = self.state.withLock { state -> Bool in
                    state.running += 1
                    state.started += 1
                    state.most = max(state.most, state.running)
                    if state.open { return true }
                    state.waiting.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            self.state.withLock { $0.running -= 1 }
            return .text("read")
        }
    }
}

@Suite("The MCP edge: bounded reads, orders first, end of input")
struct EdgeTests {
    static let order = Tool(name: "order", description: "Places an order at once.", annotations: .destructive()) {
        _, _ in .text("placed")
    }

    static var longWait: Tool {
        var tool = Tool(name: "long_wait", description: "Waits an hour.", annotations: .readOnly()) { _, _ in
            try await Task.sleep(for: .seconds(3600))
            return .text("woke up")
        }
        tool.waitsLong = true
        return tool
    }

    static func call(_ id: Int, _ name: String) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": .int(id), "method": "tools/call", "params": ["name": .string(name)]])
    }

    @Test("40 held reads: at most 4 run at once, and an order sent after them is answered while they wait")
    func readsCannotStarveOrders() async {
        let reads = HeldReads()
        let harness = InProcessClient(
            server: MCPServer(
                info: ServerInfo(name: "t", version: "1"), tools: [reads.tool, Self.order], maximumConcurrentReads: 4,
                stderr: { _ in }))
        await harness.initialize()
        for id in 1...40 { harness.send(Self.call(id, "held_read")) }
        while reads.started < 4 { await Task.yield() }
        harness.send(Self.call(100, "order"))
        let placed = await harness.response(to: 100)
        #expect(placed.result?["content"]?[0]?["text"] == "placed")
        // No read has finished, and no more than 4 started: the order went past 36 queued reads.
        #expect(reads.started == 4)
        reads.open()
        let all = await harness.finish()
        let answered = Set(all.compactMap { $0["id"]?.intValue })
        #expect(answered.isSuperset(of: Set(1...40)))
        #expect(reads.started == 40)
        #expect(reads.most == 4)
    }

    // The time limit turns the old behaviour (the server waits out the hour) into a failure instead of a hang.
    @Test("end of input cancels a long wait without a reply; other requests still finish", .timeLimit(.minutes(1)))
    func endOfInputStopsWaits() async {
        let reads = HeldReads()
        reads.open()
        let harness = InProcessClient(
            server: MCPServer(
                info: ServerInfo(name: "t", version: "1"), tools: [Self.longWait, reads.tool], stderr: { _ in }))
        await harness.initialize()
        harness.send(Self.call(1, "long_wait"))
        harness.send(Self.call(2, "held_read"))
        // finish() closes the input and returns once the server's serve loop has returned.
        let all = await harness.finish()
        #expect(!all.contains { $0["id"] == 1 })
        #expect(all.contains { $0["id"] == 2 })
    }
}
