/// Which queue a request waits in at the gate.
enum RequestPriority: Sendable, Hashable {
    /// Placing, modifying or cancelling an order, and every request made on its behalf (contract rules, replies).
    case order
    case read

    /// The priority of the calling task: `.order` inside `IBKRBroker.asOrder`, else `.read`.
    @TaskLocal static var current: RequestPriority = .read
}
