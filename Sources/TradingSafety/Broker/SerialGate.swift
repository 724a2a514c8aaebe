/// A first-come-first-served async lock. `GuardedBroker` holds it from the first guard to the last journal line of
/// an order, so two concurrent orders can never both pass a cap that only one of them fits under (an actor alone
/// would not do: it lets a second call in while the first awaits the broker).
actor SerialGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// How many callers wait for the lock.
    var waiting: Int { waiters.count }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            // Hand the lock straight to the next waiter; `busy` stays true.
            waiters.removeFirst().resume()
        }
    }
}
