import FoundationEssentials
import HTTPCore
import TradingDomain

/// Placing, previewing, modifying and cancelling orders.
extension IBKRBroker {
    /// Places `order` under `clientOrderID` (IBKR's `cOID`; a retry of the same intent must pass the same id).
    /// When IBKR's answer is lost (timeout, 503) or it says the id is already registered, the order is looked
    /// up by `order_ref` in the live orders; found, its acknowledgement is returned; not found, the call throws
    /// `outcomeUnknown` and nothing is resent.
    public func place(_ order: OrderRequest, clientOrderID: ClientOrderID) async throws -> OrderAck {
        try await asOrder {
            let conid = try await contractID(for: order.symbol)
            let rules = try await contractRules(for: conid)
            let ticket = try ticket(
                for: order, conid: conid, rules: rules, clientOrderID: clientOrderID.value, parentID: nil)
            let acks = try await submit([ticket], clientOrderIDs: [clientOrderID])
            guard let ack = acks.first(where: { $0.clientOrderID == clientOrderID }) ?? acks.first else {
                liveOrdersView.uncertain = true
                throw TradingError(
                    .unexpectedResponse, "IBKR acknowledged the order without an order id",
                    hint: "check open orders before retrying")
            }
            liveOrdersView.record(ack, request: order, contractID: conid)
            return ack
        }
    }

    /// Places a bracket in one request: the entry under `clientOrderID`, the take-profit and stop-loss under
    /// its `-tp`/`-sl` children, linked by `parentId`. Legs are matched by the client id IBKR echoes.
    public func placeBracket(_ bracket: BracketRequest, clientOrderID: ClientOrderID) async throws -> [OrderAck] {
        try await asOrder {
            let conid = try await contractID(for: bracket.symbol)
            let rules = try await contractRules(for: conid)
            let legs: [(BracketLeg, OrderRequest)] = [
                (.entry, bracket.entryOrder), (.takeProfit, bracket.takeProfitOrder),
                (.stopLoss, bracket.stopLossOrder),
            ]
            var tickets: [CPAPIOrderTicket] = []
            var ids: [ClientOrderID] = []
            for (leg, order) in legs {
                let id = clientOrderID.child(leg)
                ids.append(id)
                tickets.append(
                    try ticket(
                        for: order, conid: conid, rules: rules, clientOrderID: id.value,
                        parentID: leg == .entry ? nil : clientOrderID.value))
            }
            var acks = try await submit(tickets, clientOrderIDs: ids)
            for index in acks.indices {
                let leg = legs.first { clientOrderID.child($0.0) == acks[index].clientOrderID }
                acks[index].leg = leg?.0
                if let leg { liveOrdersView.record(acks[index], request: leg.1, contractID: conid) }
            }
            return acks
        }
    }

    /// Posts tickets and resolves a lost answer by looking the client ids up; never resends.
    private func submit(_ tickets: [CPAPIOrderTicket], clientOrderIDs: [ClientOrderID]) async throws -> [OrderAck] {
        let body = try CPAPIJSON.encode(CPAPIOrdersBody(orders: tickets))
        let request = CPAPIRequest.post(
            "/iserver/account/\(accountPath)/orders", json: body, idempotent: false, primed: true)
        do {
            let elements = try await recordingUncertainty {
                try await converse(request, orderTypes: Set(tickets.map(\.orderType)))
            }
            return elements.compactMap { Self.ack($0) }
        } catch let error as TradingError where error.code == .outcomeUnknown {
            let found: [Order]
            do {
                found = try await liveOrders(matching: Set(clientOrderIDs))
            } catch let lookup as TradingError {
                throw TradingError(
                    .outcomeUnknown,
                    "\(error.message); the lookup by client order id failed too (\(lookup.message)), so it is "
                        + "unknown whether the order landed. Valet did not resend it",
                    hint: "check open orders and executions in IBKR before retrying", brokerMessage: error.brokerMessage
                )
            }
            guard !found.isEmpty else {
                // The order may still appear: the view must not answer for the gateway until it lists again.
                liveOrdersView.uncertain = true
                let names = clientOrderIDs.map(\.value).joined(separator: ", ")
                throw TradingError(
                    .outcomeUnknown,
                    "\(error.message); no live order carries client order id \(names) yet. Valet did not resend it "
                        + "(the order may still appear)",
                    hint: "check open orders and executions in IBKR before retrying", brokerMessage: error.brokerMessage
                )
            }
            return found.map { order in
                OrderAck(
                    orderID: order.orderID, clientOrderID: order.clientOrderID, status: order.status,
                    brokerStatus: order.brokerStatus,
                    message: "found by client order id after: \(error.brokerMessage ?? error.message)")
            }
        }
    }

    /// Runs an order conversation; when its outcome is unknown (IBKR may hold the order), the live-orders view
    /// stops answering until the gateway lists the orders again.
    private func recordingUncertainty<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TradingError where error.mayHaveReachedBroker {
            liveOrdersView.uncertain = true
            throw error
        } catch let error as TradingError {
            throw error
        } catch {
            liveOrdersView.uncertain = true
            throw error
        }
    }

    /// Live orders whose `order_ref` is one of `ids`. The first call after a login only subscribes
    /// (`snapshot: false`), so an empty first answer is asked again (the pacer spaces the calls 5 s apart).
    func liveOrders(matching ids: Set<ClientOrderID>) async throws -> [Order] {
        try await listedLiveOrders().filter { order in order.clientOrderID.map(ids.contains) ?? false }
    }

    /// What the order would cost (`whatif`); nothing is placed, so no client order id is sent.
    public func preview(_ order: OrderRequest) async throws -> Preview {
        let conid = try await contractID(for: order.symbol)
        let rules = try await contractRules(for: conid)
        let ticket = try ticket(for: order, conid: conid, rules: rules, clientOrderID: nil, parentID: nil)
        let body = try CPAPIJSON.encode(CPAPIOrdersBody(orders: [ticket]))
        let request = CPAPIRequest.post("/iserver/account/\(accountPath)/orders/whatif", json: body, primed: true)
        let response = try await perform(request)
        let list = try? JSONDecoder().decode([CPAPIWhatIf].self, from: response.body)
        guard let whatIf = list?.first ?? (try? JSONDecoder().decode(CPAPIWhatIf.self, from: response.body)) else {
            throw IBKRFailure.unexpected(endpoint: request.endpoint, status: response.status, body: response.text)
        }
        if let error = whatIf.error?.value, !error.isEmpty {
            throw TradingError(
                .brokerRejected, "\(request.endpoint): IBKR refused the preview", brokerMessage: error)
        }
        return IBKRPreviewParser.preview(whatIf, symbol: order.symbol, side: order.side)
    }

    /// Sends the order's full new parameters to `POST /iserver/account/{acct}/order/{id}` (a single object, not
    /// wrapped). Questions are answered as for a placement. A lost answer throws `outcomeUnknown`.
    public func modify(_ orderID: OrderID, to order: OrderRequest) async throws -> OrderAck {
        try await asOrder {
            let conid = try await contractID(for: order.symbol)
            let rules = try await contractRules(for: conid)
            let ticket = try ticket(for: order, conid: conid, rules: rules, clientOrderID: nil, parentID: nil)
            let body = try CPAPIJSON.encode(ticket)
            let request = CPAPIRequest.post(
                "/iserver/account/\(accountPath)/order/\(orderID.value)", json: body, idempotent: false, primed: true)
            let elements = try await recordingUncertainty {
                try await converse(request, orderTypes: [ticket.orderType])
            }
            guard let ack = elements.compactMap({ Self.ack($0) }).first else {
                liveOrdersView.uncertain = true
                throw TradingError(.unexpectedResponse, "IBKR acknowledged the modification without an order id")
            }
            liveOrdersView.record(ack, request: order, contractID: conid)
            return ack
        }
    }

    /// Asks IBKR to cancel; the answer only acknowledges the request, so the status is usually `pending`.
    public func cancel(_ orderID: OrderID) async throws -> OrderAck {
        try await asOrder {
            let request = CPAPIRequest.delete("/iserver/account/\(accountPath)/order/\(orderID.value)")
            let response = try await perform(request)
            let list = try? JSONDecoder().decode([CPAPICancelAck].self, from: response.body)
            guard let answer = list?.first ?? (try? JSONDecoder().decode(CPAPICancelAck.self, from: response.body))
            else {
                throw IBKRFailure.unexpected(endpoint: request.endpoint, status: response.status, body: response.text)
            }
            if let error = answer.error?.value {
                throw Self.orderError(error, endpoint: request.endpoint, status: response.status)
            }
            let word = answer.order_status?.value
            let ack = OrderAck(
                orderID: answer.order_id?.value.map(OrderID.init) ?? orderID,
                status: word.map { Self.status(from: $0) } ?? .pending, brokerStatus: word, message: answer.msg?.value)
            liveOrdersView.recordCancel(ack)
            return ack
        }
    }
}
