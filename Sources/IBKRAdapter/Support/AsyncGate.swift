/// A first-in, first-out lock for async code, with one exception: an order goes before queued reads. The adapter
/// holds it for one HTTP exchange, or for a whole order conversation (the order POST and every reply to its
/// questions), because IBKR kills a reply id as soon as any other request reaches the gateway.
///
/// Every request waits here before the pacer books its slot, so this queue is the one that decides what the
/// gateway sees next: with hundreds of quote reads queued, a buy waits for the exchange in progress only.
actor AsyncGate {
    private var busy = false
    private var orders: [CheckedContinuation<Void, Never>] = []
    private var reads: [CheckedContinuation<Void, Never>] = []
    /// Order calls under way (`beginOrder` … `endOrder`). While one runs, reads wait even between its requests,
    /// so an order's contract lookup, POST and replies go out with no queued read slipping in between.
    private var ordersInProgress = 0

    /// Waits until the gate is free and takes it; `.order` waiters are served before every `.read` waiter.
    func acquire(_ priority: RequestPriority = .read) async {
        switch priority {
        case .order:
            guard busy else {
                busy = true
                return
            }
            await withCheckedContinuation { orders.append($0) }
        case .read:
            guard busy || ordersInProgress > 0 else {
                busy = true
                return
            }
            await withCheckedContinuation { reads.append($0) }
        }
    }

    /// Hands the gate to the next order, else (when no order call is under way) the next read, or frees it.
    func release() {
        if !orders.isEmpty {
            orders.removeFirst().resume()
        } else if ordersInProgress == 0 && !reads.isEmpty {
            reads.removeFirst().resume()
        } else {
            busy = false
        }
    }

    /// An order call starts: reads keep waiting until it ends.
    func beginOrder() {
        ordersInProgress += 1
    }

    /// An order call ended: if it was the last and the gate is idle, the next read goes.
    func endOrder() {
        ordersInProgress = max(0, ordersInProgress - 1)
        if ordersInProgress == 0 && !busy && !reads.isEmpty {
            busy = true
            reads.removeFirst().resume()
        }
    }

    /// How many callers wait for the gate (tests watch a queue form without sleeping).
    var waiting: Int { orders.count + reads.count }
}

/// Which queue a request waits in at the gate.
enum RequestPriority: Sendable, Hashable {
    /// Placing, modifying or cancelling an order, and every request made on its behalf (contract rules, replies).
    case order
    case read

    /// The priority of the calling task: `.order` inside `IBKRBroker.asOrder`, else `.read`.
    @TaskLocal static var current: RequestPriority = .read
}
