import FoundationEssentials
import TradingDomain

extension GuardedBroker {
    /// Cancels one working order. The id must be a broker order id (a positive integer: IBKR reads `-1` as "every
    /// order") that the broker lists as working; anything else is refused before anything is sent. Never blocked
    /// by a guard (cancelling reduces risk), but journaled like an order (intent, outcome) and, in dry-run mode,
    /// not sent.
    public func cancel(_ orderID: OrderID) async throws -> CancelResult {
        guard let number = Int(orderID.value), number > 0, orderID.value.allSatisfy(\.isASCII) else {
            throw TradingError.invalid(
                "orderID",
                "\"\(orderID.value)\" is not an order id; cancel_order takes one order id, a positive whole number"
                    + " (IBKR reads -1 as every order)",
                hint: "list the ids with open_orders; use cancel_all_orders to cancel every working order")
        }
        return try await serialized {
            let working = try await self.workingOrders()
            guard let order = working.first(where: { $0.orderID == orderID }) else {
                throw TradingError(
                    .orderNotFound, "Order \(orderID) is not among the broker's working orders; nothing was sent.",
                    hint: "check the id with open_orders (a filled or cancelled order cannot be cancelled)")
            }
            return try await self.cancelUnderGate(order)
        }
    }

    /// Cancels every working order on the account, one journaled cancel each, and lists them (in dry-run mode:
    /// what would be cancelled; nothing is sent). When a cancel fails the rest are still attempted and the call
    /// throws, naming what was and was not cancelled.
    public func cancelAll() async throws -> [CancelResult] {
        try await serialized {
            let working = try await self.workingOrders()
            var done: [CancelResult] = []
            var failed: [String] = []
            for order in working {
                do {
                    done.append(try await self.cancelUnderGate(order))
                } catch {
                    failed.append("\(order.orderID) (\(Self.asTradingError(error).message))")
                }
            }
            guard failed.isEmpty else {
                let cancelled = done.map(\.order.orderID.value).joined(separator: ", ")
                throw TradingError(
                    .brokerRejected,
                    "Could not cancel \(failed.joined(separator: "; "))."
                        + (done.isEmpty ? "" : " Cancel requested for \(cancelled)."),
                    hint: "check open_orders, then cancel what is left with cancel_order")
            }
            return done
        }
    }

    /// The broker's working (unfinished) orders; a failure to read them refuses the cancel.
    func workingOrders() async throws -> [Order] {
        do {
            return try await listedOrders().filter { !$0.status.isTerminal }
        } catch {
            throw TradingError(
                .brokerUnavailable,
                "The working orders could not be read (\(TradingError.describe(error))); nothing was cancelled.",
                hint: "retry in a moment")
        }
    }

    /// One journaled cancel of a listed working order. Must run under the gate.
    func cancelUnderGate(_ order: Order) async throws -> CancelResult {
        let clientOrderID = nextClientOrderID()
        let what = Self.describe(order)
        var line = JournalRecord(
            kind: .outcome, timestamp: clock(), clientOrderID: clientOrderID, action: .cancel,
            orderID: order.orderID, amends: order.clientOrderID ?? journal.clientOrderID(forOrder: order.orderID))
        if policy.dryRun {
            let message = "Dry run: NOT sent. Would cancel \(what)."
            line.outcome = .dryRun
            line.message = message
            try? journal.append(line)
            return CancelResult(
                disposition: .dryRun, clientOrderID: clientOrderID, order: order, ack: nil, message: message)
        }
        var intent = line
        intent.kind = .intent
        intent.status = .pending
        intent.message = "cancel \(what)"
        // As for an order: the intent is durable before the request leaves.
        try journal.append(intent)
        // A cancel can race a fill: whatever it answers, the position may have moved.
        exposurePositions.mark(order.symbol)
        let ack: OrderAck
        do {
            ack = try await broker.cancel(order.orderID)
        } catch {
            throw journalFailure(error, line: line)
        }
        line.timestamp = clock()
        line.outcome = .sent
        line.status = ack.status
        line.message = "cancel \(what)" + (ack.message.map { ": \($0)" } ?? "")
        try? journal.append(line)
        return CancelResult(
            disposition: .sent, clientOrderID: clientOrderID, order: order, ack: ack,
            message: "Cancel requested for \(what) — \(ack.status.rawValue).")
    }

    /// `order 12 (SELL 5 AAPL STP)`.
    static func describe(_ order: Order) -> String {
        let parts = [
            order.side?.rawValue, order.remainingQuantity.map { "\($0)" } ?? order.quantity.map { "\($0)" },
            order.symbol?.value, order.typeKind?.rawValue,
        ].compactMap { $0 }
        return "order \(order.orderID)" + (parts.isEmpty ? "" : " (\(parts.joined(separator: " ")))")
    }
}
