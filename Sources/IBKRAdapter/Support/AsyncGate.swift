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

    /// Waits until the gate is free and takes it; `.order` waiters are served before every `.read` waiter.
    func acquire(_ priority: RequestPriority = .read) async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { continuation in
            switch priority {
            case .order: orders.append(continuation)
            case .read: reads.append(continuation)
            }
        }
    }

    /// Hands the gate to the next order, else the next read, or frees it.
    ///
    /// Reads are not held back between two requests of one order: at most one read slips in there, and holding
    /// them could deadlock an order that waits on work a read started (a shared contract lookup, say).
    func release() {
        if !orders.isEmpty {
            orders.removeFirst().resume()
        } else if !reads.isEmpty {
            reads.removeFirst().resume()
        } else {
            busy = false
        }
    }

    /// How many callers wait for the gate (tests watch a queue form without sleeping).
    var waiting: Int { orders.count + reads.count }
}
