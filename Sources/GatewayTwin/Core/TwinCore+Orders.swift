import FoundationEssentials
import HTTPCore

extension TwinCore {
    /// The order objects of a placement or whatif body: `{"orders": [...]}` or a bare array.
    func orderObjects(_ body: TwinJSON?) -> [TwinJSON]? {
        if let wrapped = body?["orders"]?.arrayValue { return wrapped }
        return body?.arrayValue
    }

    /// Parses every ticket; the first problem becomes the response.
    func parseTickets(_ objects: [TwinJSON]) -> Result<[OrderTicket], TicketProblem> {
        var tickets: [OrderTicket] = []
        for object in objects {
            switch OrderTicket.parse(
                object, instruments: market.instruments, fractionMessage: configuration.fractionRejectMessage)
            {
            case .success(let ticket): tickets.append(ticket)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(tickets)
    }

    func problemResponse(_ problem: TicketProblem) -> HTTPResponse {
        switch problem {
        case .rejected(let message): return TwinHTTP.json(.object(["error": .string(message)]))
        case .malformed(let message): return TwinHTTP.error(message, status: 500, withStatusCode: true)
        }
    }

    /// Duplicate `cOID`s and dangling bracket parents, checked before anything is created.
    func linkProblem(_ tickets: [OrderTicket]) -> TicketProblem? {
        var seen: Set<String> = []
        for ticket in tickets {
            guard let cOID = ticket.cOID else { continue }
            let earlier = registeredCOIDs[cOID].flatMap { orders[$0] }
            let recent = earlier.map { now.timeIntervalSince($0.placedAt) < 86400 } ?? false
            if recent || seen.contains(cOID) {
                return .rejected("Order couldn't be submitted: Local order ID=\(cOID) is already registered.")
            }
            seen.insert(cOID)
        }
        for ticket in tickets {
            guard let parent = ticket.parentId else { continue }
            let inRequest = tickets.contains { $0.cOID == parent && $0.parentId == nil }
            let working = registeredCOIDs[parent].flatMap { orders[$0] }.map(\.isWorking) ?? false
            if !inRequest && !working {
                return .rejected("Parent order \(parent) was not found: send the parent with cOID \(parent) first.")
            }
        }
        return nil
    }

    /// Reg T check on the orders that open or add exposure: the initial margin after the trade must stay within
    /// the equity with loan value. The wording follows IBKR's margin rejection ([RECON]).
    func marginProblem(_ tickets: [OrderTicket]) -> TicketProblem? {
        let figures = ledger.figures(prices: marks)
        var gross = figures.grossPositionValue
        var held: [Int: Decimal] = [:]
        for ticket in tickets where ticket.parentId == nil {
            guard let quote = market.quotes[ticket.conid] else { continue }
            let reference = ticket.price ?? (ticket.side == .buy ? quote.ask : quote.bid)
            guard reference > 0 else { continue }
            let quantity = ticket.quantity ?? (ticket.cashQty ?? 0) / reference
            let before = held[ticket.conid] ?? ledger.positions[ticket.conid]?.quantity ?? 0
            let after = before + (ticket.side == .buy ? quantity : -quantity)
            held[ticket.conid] = after
            gross += (abs(after) - abs(before)) * reference
        }
        let required = gross * TwinLedger.initialMarginRate
        guard required > figures.netLiquidation else { return nil }
        let equity = TwinFormat.grouped(figures.netLiquidation, decimals: 2)
        let margin = TwinFormat.grouped(required, decimals: 2)
        return .rejected(
            "Your order is not accepted. In order to obtain the desired position your Equity with Loan Value "
                + "[\(equity) USD] must exceed the Initial Margin [\(margin) USD]")
    }

    func placeOrders(account: String, body: TwinJSON?) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        guard let objects = orderObjects(body), !objects.isEmpty else {
            return TwinHTTP.error("Body must be {\"orders\": [ ... ]} with at least one order", status: 500)
        }
        for object in objects { record(object, path: "/iserver/account/\(account)/orders") }
        let tickets: [OrderTicket]
        switch parseTickets(objects) {
        case .success(let parsed): tickets = parsed
        case .failure(let problem): return problemResponse(problem)
        }
        if let problem = linkProblem(tickets) ?? marginProblem(tickets) { return problemResponse(problem) }
        let asked = questions(for: tickets)
        guard let first = asked.first else { return submit(tickets, account: account) }
        return ask(first, remaining: Array(asked.dropFirst()), tickets: tickets, account: account)
    }

    /// Answers with one question and remembers the order until the reply (or the next other request).
    func ask(
        _ question: (String, String), remaining: [(String, String)], tickets: [OrderTicket], account: String,
        modifying: Int? = nil
    ) -> HTTPResponse {
        let replyId = rng.nextUUIDString()
        askedQuestionIDs.append(question.0)
        pendingReply = PendingReply(
            replyId: replyId, account: account, tickets: tickets, remaining: remaining, modifying: modifying)
        return TwinHTTP.json(
            .array([
                .object([
                    "id": .string(replyId), "message": .array([.string(question.1)]), "isSuppressed": .bool(false),
                    "messageIds": .array([.string(question.0)]),
                ])
            ]))
    }

    func reply(_ replyId: String, body: TwinJSON?) -> HTTPResponse {
        guard let pending = pendingReply, pending.replyId == replyId else {
            return TwinHTTP.error("reply id not found: '\(replyId)'", status: 400)
        }
        guard let confirmed = body?["confirmed"]?.boolValue else {
            return TwinHTTP.error("confirmed must be a boolean (true or false)", status: 500, withStatusCode: true)
        }
        pendingReply = nil
        guard confirmed else { return TwinHTTP.json(.object(["error": .string("Order not confirmed ")])) }
        if let next = pending.remaining.first {
            return ask(
                next, remaining: Array(pending.remaining.dropFirst()), tickets: pending.tickets,
                account: pending.account, modifying: pending.modifying)
        }
        if let orderId = pending.modifying {
            guard let order = orders[orderId], order.isWorking, let ticket = pending.tickets.first else {
                return TwinHTTP.json(.object(["error": .string("OrderID \(orderId) doesn't exist")]))
            }
            return applyModify(order, ticket: ticket)
        }
        if let problem = linkProblem(pending.tickets) ?? marginProblem(pending.tickets) {
            return problemResponse(problem)
        }
        return submit(pending.tickets, account: pending.account)
    }

    /// Creates the orders, links brackets into OCA groups, acknowledges, then matches.
    func submit(_ tickets: [OrderTicket], account: String) -> HTTPResponse {
        var created: [TwinOrder] = []
        var singleGroup: String?
        for ticket in tickets {
            let order = TwinOrder(orderId: orderIDs.next(), account: account, ticket: ticket, placedAt: now)
            order.brokerageEpoch = session.epoch
            if ticket.cashQty != nil
                || ticket.quantity.map({ TwinFormat.round($0, scale: 0, mode: .down) != $0 }) == true
            {
                // Fractional sizes trade in regular hours only (IBKR's o2165), whatever outsideRTH says.
                order.outsideRTH = false
            }
            if ticket.isSingleGroup && ticket.parentId == nil && tickets.count > 1 {
                // An OCA group sent together: the first member's id names the group.
                singleGroup = singleGroup ?? String(order.orderId)
                order.ocaGroupId = singleGroup
                if let singleGroup { ocaMembers[singleGroup, default: []].append(order.orderId) }
            }
            if let cOID = ticket.cOID { registeredCOIDs[cOID] = order.orderId }
            if let hideSubmission { order.hiddenUntil = now.addingTimeInterval(hideSubmission) }
            orders[order.orderId] = order
            recordReceipt(order, kind: .placement)
            created.append(order)
        }
        for child in created {
            guard let parentCOID = child.parentCOID,
                let parent = created.first(where: { $0.cOID == parentCOID && $0.parentCOID == nil })
                    ?? registeredCOIDs[parentCOID].flatMap({ orders[$0] })
            else { continue }
            child.parentOrderId = parent.orderId
            child.ocaGroupId = String(parent.orderId)
            ocaMembers[String(parent.orderId), default: []].append(child.orderId)
            parent.childOrderIds.append(child.orderId)
            child.heldByParent = parent.terminal != .filled
        }
        var acks: [TwinJSON] = []
        for order in created {
            if order.orderType.isTrailing, let last = market.quotes[order.conid]?.lastMicros {
                _ = ratchet(order, lastMicros: last)
            }
            var ack: [String: TwinJSON] = [
                "order_id": .string(String(order.orderId)),
                "order_status": .string(statusWord(order)),
                "encrypt_message": .string("1"),
            ]
            if let cOID = order.cOID { ack["local_order_id"] = .string(cOID) }
            if let group = order.ocaGroupId { ack["oca_group_id"] = .string(group) }
            acks.append(.object(ack))
            rest(order)
        }
        if inactivateSubmission {
            for order in created {
                order.terminal = .inactive
                unrest(order)
            }
        }
        for conid in Set(created.map(\.conid)).sorted() { evaluate(conid: conid, at: now) }
        for order in created where order.tif == "IOC" && order.isWorking { cancel(order, cascade: false) }
        return TwinHTTP.json(.array(acks))
    }
}
