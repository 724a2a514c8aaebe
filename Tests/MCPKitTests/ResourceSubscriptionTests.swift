import Foundation
import MCPKit
import Testing

/// `resources/subscribe` and `notifications/resources/updated`: offered only with a `ResourceUpdates`, only for
/// listed resources, and only to the clients that subscribed.
@Suite("Resource subscriptions")
struct ResourceSubscriptionTests {
    static let orders = Resource(uri: "valet://orders", name: "orders", mimeType: "application/json") { "[]" }

    static func harness(_ updates: ResourceUpdates?) -> ServerHarness {
        ServerHarness(
            server: MCPServer(
                info: ServerInfo(name: "test", version: "1.0"), resources: [orders], updates: updates,
                stderr: { _ in }))
    }

    @Test("without a ResourceUpdates the capability is false and subscribe is an unknown method")
    func notOffered() async {
        let harness = Self.harness(nil)
        let hello = await harness.initialize()
        #expect(hello.result?["capabilities"]?["resources"]?["subscribe"] == false)
        #expect(await harness.request(1, "resources/subscribe", ["uri": "valet://orders"]).errorCode == -32601)
        _ = await harness.finish()
    }

    @Test("a subscriber is told of an update of its URI, not of others, and not after unsubscribing")
    func notifies() async {
        let updates = ResourceUpdates()
        let harness = Self.harness(updates)
        let hello = await harness.initialize()
        #expect(hello.result?["capabilities"]?["resources"]?["subscribe"] == true)
        #expect(await harness.request(1, "resources/subscribe", ["uri": "valet://elsewhere"]).errorCode == -32602)
        #expect(await harness.request(2, "resources/subscribe", [:]).errorCode == -32602)
        #expect(await harness.request(3, "resources/subscribe", ["uri": "valet://orders"]).result == .object([:]))
        await updates.updated("valet://positions")
        await updates.updated("valet://orders")
        _ = await harness.request(4, "resources/unsubscribe", ["uri": "valet://orders"])
        await updates.updated("valet://orders")
        let lines = await harness.finish()
        let notices = lines.filter { $0["method"] == "notifications/resources/updated" }
        #expect(notices.map { $0["params"]?["uri"] } == ["valet://orders"])
    }
}
