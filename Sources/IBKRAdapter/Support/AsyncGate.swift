/// A first-in, first-out lock for async code. The adapter holds it for one HTTP exchange, or for a whole order
/// conversation (the order POST and every reply to its questions), because IBKR kills a reply id as soon as any
/// other request reaches the gateway.
actor AsyncGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits until the gate is free and takes it.
    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the gate to the next waiter, or frees it.
    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
