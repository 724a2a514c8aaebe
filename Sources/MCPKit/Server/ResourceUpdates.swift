import Synchronization

/// Where the application says a resource changed: every connected client that subscribed to the URI
/// (`resources/subscribe`) gets `notifications/resources/updated` with it. A server given one declares the
/// `resources.subscribe` capability; clients that did not subscribe hear nothing.
public final class ResourceUpdates: Sendable {
    private let links = Mutex<[ObjectIdentifier: ClientLink]>([:])

    public init() {}

    /// Notifies each client subscribed to `uri`, in no particular order; returns once every notice is written.
    public func updated(_ uri: String) async {
        let subscribed = links.withLock { $0.values.filter { $0.isSubscribed(to: uri) } }
        for link in subscribed {
            await link.notify("notifications/resources/updated", params: ["uri": .string(uri)])
        }
    }

    func attach(_ link: ClientLink) {
        links.withLock { $0[ObjectIdentifier(link)] = link }
    }

    func detach(_ link: ClientLink) {
        _ = links.withLock { $0.removeValue(forKey: ObjectIdentifier(link)) }
    }
}
