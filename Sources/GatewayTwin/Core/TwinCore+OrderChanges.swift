import FoundationEssentials
import HTTPCore

extension TwinCore {
    func modifyOrder(account: String, orderId: String, body: TwinJSON?) -> HTTPResponse {
        if let body { record(body, path: "/iserver/account/\(account)/order/\(orderId)") }
        if let refusal = unknownAccount(account) { return refusal }
        guard let id = Int(orderId), let order = orders[id], order.account == account else {
            return TwinHTTP.json(.object(["error": .string("OrderID \(orderId) doesn't exist")]))
        }
        guard order.isWorking else {
            return TwinHTTP.json(
                .object([
                    "error": .string(
                        "OrderID \(orderId) is \(order.terminal?.rawValue ?? "done"); it can't be modified")
                ])
            )
        }
        let object = body?["orders"]?.arrayValue?.first ?? body ?? .null
        let ticket: OrderTicket
        switch OrderTicket.parse(
            object, instruments: market.instruments, fractionMessage: configuration.fractionRejectMessage)
        {
        case .success(let parsed): ticket = parsed
        case .failure(let problem): return problemResponse(problem)
        }
        guard ticket.conid == order.conid, ticket.side == order.side else {
            return TwinHTTP.json(.object(["error": .string("A modify must keep the order's conid and side")]))
        }
        if let quantity = ticket.quantity, quantity <= order.filledQuantity {
            return TwinHTTP.json(
                .object(["error": .string("The new quantity must exceed the \(order.filledQuantity) already filled")]))
        }
        let asked = questions(for: [ticket])
        if let first = asked.first {
            return ask(
                first, remaining: Array(asked.dropFirst()), tickets: [ticket], account: account,
                modifying: order.orderId)
        }
        return applyModify(order, ticket: ticket)
    }

    /// Applies a confirmed modify: re-index at the new prices and size, then match.
    func applyModify(_ order: TwinOrder, ticket: OrderTicket) -> HTTPResponse {
        unrest(order)
        let wasTriggered = order.triggered
        order.apply(ticket)
        recordReceipt(order, kind: .modification)
        order.triggered = wasTriggered && order.orderType.isStopFamily
        order.trailExtremeMicros = nil
        order.trailStopMicros = nil
        if order.orderType.isTrailing, let last = market.quotes[order.conid]?.lastMicros {
            if ticket.price == nil { order.stopPrice = nil }
            _ = ratchet(order, lastMicros: last)
        }
        rest(order)
        let status = statusWord(order)
        evaluate(conid: order.conid, at: now)
        return TwinHTTP.json(
            .array([
                .object([
                    "order_id": .string(String(order.orderId)), "order_status": .string(status),
                    "encrypt_message": .string("1"),
                ])
            ]))
    }

    func cancelOrder(account: String, orderId: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        if orderId == "-1" {
            for id in orders.keys.sorted() {
                guard let order = orders[id], order.account == account, order.isWorking else { continue }
                requestCancel(order)
            }
            return TwinHTTP.json(
                .object([
                    "msg": .string("Request was submitted"), "order_id": .int(-1), "conid": .int(-1),
                    "account": .null,
                ]))
        }
        guard let id = Int(orderId), let order = orders[id], order.account == account else {
            return TwinHTTP.json(.object(["error": .string("OrderID \(orderId) doesn't exist")]))
        }
        guard order.isWorking else {
            return TwinHTTP.json(
                .object([
                    "error": .string("OrderID \(orderId) is \(order.terminal?.rawValue ?? "done"); nothing to cancel")
                ])
            )
        }
        requestCancel(order)
        return TwinHTTP.json(
            .object([
                "msg": .string("Request was submitted"), "order_id": .int(id), "conid": .int(order.conid),
                "account": .string(account),
            ]))
    }

    /// Cancels at once, or after `cancelDelaySeconds` with `PendingCancel` in between (fills may still land).
    func requestCancel(_ order: TwinOrder) {
        let delay = configuration.cancelDelaySeconds
        guard delay > 0, delay.isFinite else {
            cancel(order, cascade: true)
            return
        }
        guard !order.cancelRequested else { return }
        order.cancelRequested = true
        events.schedule(.cancelTakesEffect(orderId: order.orderId), at: now.addingTimeInterval(delay))
    }
}
