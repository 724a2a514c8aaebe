import FoundationEssentials
import HTTPCore
import TradingDomain

/// Order status, live orders and executions, mapped to domain types.
extension IBKRBroker {
    public func orderStatus(_ orderID: OrderID) async throws -> Order {
        let request = CPAPIRequest.get("/iserver/account/order/status/\(orderID.value)", primed: true)
        let response: HTTPResponse
        do {
            response = try await perform(request)
        } catch let error as TradingError where error.code == .brokerUnavailable && error.brokerMessage != nil {
            // IBKR answers 503 for orders of an earlier brokerage session (cpapi.md §6.10: after a nightly reset
            // or a new login) or unknown ids; live orders still list the session-spanning ones.
            if let listed = try? await openOrders().first(where: { $0.orderID == orderID }) { return listed }
            throw TradingError(
                .orderNotFound, "\(error.message) (IBKR only reports orders of the current session)",
                hint: "check open orders or executions instead", brokerMessage: error.brokerMessage)
        }
        let wire = try CPAPIJSON.decode(CPAPIOrderStatus.self, from: response, endpoint: request.endpoint)
        if let error = wire.error?.value {
            throw Self.orderError(error, endpoint: request.endpoint, status: response.status)
        }
        let word = wire.order_status?.value
        let remaining = wire.size?.value
        let total = wire.total_size?.value
        let order = Order(
            orderID: wire.order_id?.value.map(OrderID.init) ?? orderID,
            symbol: wire.symbol?.value.flatMap { try? Symbol($0) },
            contractID: wire.conid?.value.flatMap(Int.init).map(ContractID.init),
            side: Self.side(from: wire.side?.value), typeKind: Self.kind(from: wire.order_type?.value),
            status: Self.status(from: word), brokerStatus: word, quantity: total,
            filledQuantity: wire.cum_fill?.value, remainingQuantity: remaining, averagePrice: wire.average_price?.value,
            limitPrice: wire.limit_price?.value, stopPrice: wire.stop_price?.value,
            timeInForce: Self.timeInForce(from: wire.tif?.value), brokerDescription: wire.order_description?.value)
        liveOrdersView.upsert(order)
        return order
    }

    /// The live orders. A view younger than IBKR's pacing window of the endpoint (1 request per 5 s), based on a
    /// real listing and kept up to date with Valet's own changes and order-status answers since
    /// (`LiveOrdersView`), answers as it stands; otherwise the gateway lists them (`listedLiveOrders`). After an
    /// order change whose outcome is unknown only the gateway's listing answers.
    public func openOrders() async throws -> [Order] {
        if liveOrdersView.isFresh(at: clock.now()) { return liveOrdersView.list }
        return try await listedLiveOrders()
    }

    /// The gateway's own live-orders listing, which replaces the view. IBKR answers the first call after a login
    /// with an empty subscription (`snapshot: false`, cpapi.md §6.9), so that answer is asked again once the
    /// endpoint's pacing allows (5 s after the first call; at once when the feed was opened at login, see
    /// `openLiveOrdersFeedHoldingGate`).
    func listedLiveOrders() async throws -> [Order] {
        let request = CPAPIRequest.get("/iserver/account/orders", primed: true)
        var wire = try CPAPIJSON.decode(
            CPAPILiveOrders.self, from: try await perform(request), endpoint: request.endpoint)
        if (wire.orders ?? []).isEmpty && wire.snapshot?.value != true {
            wire = try CPAPIJSON.decode(
                CPAPILiveOrders.self, from: try await perform(request), endpoint: request.endpoint)
        }
        let orders = (wire.orders ?? []).compactMap(Self.order(from:))
        if wire.snapshot?.value == true || !orders.isEmpty {
            liveOrdersView.replace(with: orders, at: clock.now())
        }
        return orders
    }

    /// Opens IBKR's live-orders feed right after a login (the call that only subscribes), so the first listing an
    /// agent asks for later needs no second call 5 s on. Best effort: a failure only means that wait returns.
    /// The caller holds the gate.
    func openLiveOrdersFeedHoldingGate() async {
        guard settings.opensLiveOrdersFeedAtLogin, !liveOrdersView.feedOpened else { return }
        let request = CPAPIRequest.get("/iserver/account/orders", primed: true)
        guard let response = try? await sendPaced(request), (200..<300).contains(response.status) else { return }
        if let wire = try? JSONDecoder().decode(CPAPILiveOrders.self, from: response.body),
            wire.snapshot?.value == true
        {
            liveOrdersView.replace(with: (wire.orders ?? []).compactMap(Self.order(from:)), at: clock.now())
        } else {
            liveOrdersView.feedOpened = true
        }
    }

    /// `/iserver/account/trades?days=N` (IBKR allows 1…7 days).
    public func executions(days: Int) async throws -> [Execution] {
        let clamped = min(max(days, 1), 7)
        let request = CPAPIRequest.get(
            "/iserver/account/trades", query: [URLQueryItem(name: "days", value: String(clamped))], primed: true)
        let response = try await perform(request)
        let trades = try CPAPIJSON.decode([CPAPITrade].self, from: response, endpoint: request.endpoint)
        return trades.compactMap(Self.execution(from:))
    }

    static func order(from row: CPAPILiveOrder) -> Order? {
        guard let id = row.orderId?.value else { return nil }
        let word = row.status?.value
        let kind = kind(from: row.origOrderType?.value ?? row.orderType?.value)
        let price = row.price?.value
        return Order(
            orderID: OrderID(id), clientOrderID: row.order_ref?.value.flatMap { try? ClientOrderID($0) },
            symbol: row.ticker?.value.flatMap { try? Symbol($0) },
            contractID: row.conid?.value.flatMap(Int.init).map(ContractID.init), side: side(from: row.side?.value),
            typeKind: kind, status: status(from: word), brokerStatus: word, quantity: row.totalSize?.value,
            filledQuantity: row.filledQuantity?.value, remainingQuantity: row.remainingQuantity?.value,
            averagePrice: row.avgPrice?.value, limitPrice: kind == .limit || kind == .stopLimit ? price : nil,
            stopPrice: kind == .stop ? price : nil, timeInForce: timeInForce(from: row.timeInForce?.value),
            brokerDescription: row.orderDesc?.value)
    }

    static func execution(from row: CPAPITrade) -> Execution? {
        guard let id = row.execution_id?.value, let symbol = row.symbol?.value.flatMap({ try? Symbol($0) }),
            let quantity = row.size?.value, let price = row.price?.value,
            let millis = row.trade_time_r?.value.flatMap(Double.init)
        else { return nil }
        return Execution(
            executionID: id, symbol: symbol, contractID: row.conid?.value.flatMap(Int.init).map(ContractID.init),
            side: side(from: row.side?.value), quantity: quantity, price: price,
            time: Date(timeIntervalSince1970: millis / 1000), orderID: row.order_id?.value.map(OrderID.init),
            clientOrderID: row.order_ref?.value.flatMap { try? ClientOrderID($0) }, commission: row.commission?.value,
            netAmount: row.net_amount?.value)
    }

    /// `BUY`/`B` and `SELL`/`S`; anything else (IBKR's netting `N`) is unknown.
    static func side(from word: String?) -> OrderSide? {
        switch word?.uppercased() {
        case "BUY", "B": return .buy
        case "SELL", "S": return .sell
        default: return nil
        }
    }

    static func kind(from word: String?) -> OrderType.Kind? {
        switch word?.uppercased().replacing(" ", with: "_") {
        case "MARKET", "MKT": return .market
        case "LIMIT", "LMT": return .limit
        case "STOP", "STP": return .stop
        case "STOP_LIMIT", "STOPLIMIT", "STP_LMT": return .stopLimit
        case "TRAIL", "TRAILING_STOP", "TRAILINGSTOP": return .trailing
        default: return nil
        }
    }

    /// IBKR reports a DAY order's time in force as `CLOSE`.
    static func timeInForce(from word: String?) -> TimeInForce? {
        switch word?.uppercased() {
        case "DAY", "CLOSE": return .day
        case "GTC": return .goodTillCancelled
        default: return nil
        }
    }
}
