import FoundationEssentials
import HTTPCore

extension TwinCore {
    private func tifText(_ tif: String) -> String {
        tif == "DAY" ? "Day" : tif
    }

    private func priceText(_ order: TwinOrder) -> String {
        switch order.orderType {
        case .market: return "Market"
        case .limit: return "Limit \(TwinFormat.price(order.limitPrice ?? 0))"
        case .stop: return "Stop \(TwinFormat.price(order.stopPrice ?? 0))"
        case .stopLimit:
            return "Stop Limit \(TwinFormat.price(order.limitPrice ?? 0)), \(TwinFormat.price(order.stopPrice ?? 0))"
        case .trail:
            let amount = TwinFormat.quantity(order.trailingAmount ?? 0)
            return "Trail \(order.trailingPercent ? amount + "%" : amount)"
        case .trailLimit:
            let amount = TwinFormat.quantity(order.trailingAmount ?? 0)
            return "Trail Limit \(order.trailingPercent ? amount + "%" : amount)"
        case .midPrice:
            return order.limitPrice.map { "Mid Price \(TwinFormat.price($0))" } ?? "Mid Price"
        }
    }

    /// `Buy 1 Limit 457.00, GTC` while working, `Bought 100 Market, Day` once filled.
    func orderDescription(_ order: TwinOrder, withSymbol: Bool = false) -> String {
        let symbol = withSymbol ? " " + (market.instruments[order.conid]?.symbol ?? "") : ""
        let filled = order.terminal == .filled
        let verb = filled ? (order.side == .buy ? "Bought" : "Sold") : (order.side == .buy ? "Buy" : "Sell")
        let size: String
        if filled {
            size = TwinFormat.quantity(order.filledQuantity)
        } else if let total = order.totalQuantity {
            size = TwinFormat.quantity(total)
        } else {
            size = TwinFormat.money(order.cashQuantity ?? 0) + " USD"
        }
        return "\(verb) \(size)\(symbol) \(priceText(order)), \(tifText(order.tif))"
    }

    private func sizeAndFills(_ order: TwinOrder) -> String {
        if order.terminal == .filled { return TwinFormat.quantity(order.filledQuantity) }
        if order.totalQuantity == nil, let cash = order.cashQuantity {
            return (cash >= 1000 ? TwinFormat.fixed(cash / 1000, decimals: 1) + "K" : TwinFormat.money(cash)) + " USD"
        }
        return "\(TwinFormat.quantity(order.filledQuantity))/\(TwinFormat.quantity(order.totalQuantity ?? 0))"
    }

    private func lastStamp(_ order: TwinOrder) -> Date { order.lastExecutionAt ?? order.placedAt }

    /// The status word IBKR shows for the order now. On a paper account a working order says `PreSubmitted`
    /// (cpapi.md §6.12; the §6.9 working-order and §6.10 status captures, and the REC-A market-order ack).
    func statusWord(_ order: TwinOrder) -> String {
        let word = order.status(marketOpenForOrder: canFill(order, at: now))
        return configuration.paperStatuses && word == "Submitted" ? "PreSubmitted" : word
    }

    func liveRow(_ order: TwinOrder) -> TwinJSON {
        let instrument = market.instruments[order.conid]
        let status = statusWord(order)
        var row: [String: TwinJSON] = [
            "acct": .string(order.account), "account": .string(order.account), "bgColor": .string("#FFFFFF"),
            "cashCcy": .string("USD"), "companyName": .string(instrument?.companyName),
            "conid": .int(order.conid), "conidex": .string(String(order.conid)),
            "description1": .string(instrument?.symbol), "fgColor": .string(order.isWorking ? "#0000CC" : "#000000"),
            "filledQuantity": .float(order.filledQuantity),
            "lastExecutionTime": .string(TwinCalendar.utcStamp(lastStamp(order), format: .compact)),
            "lastExecutionTime_r": .int(TwinFormat.millis(lastStamp(order))),
            "listingExchange": .string(instrument?.orderListingExchange), "orderDesc": .string(orderDescription(order)),
            "orderId": .int(order.orderId), "orderType": .string(order.orderType.liveName),
            "order_ccp_status": .string(status == "PreSubmitted" && !order.awaitsTrigger ? "Submitted" : status),
            "origOrderType": .string(order.orderType.upperName),
            "outsideRTH": .bool(order.outsideRTH), "remainingQuantity": .float(order.remainingQuantity ?? 0),
            "secType": .string("STK"), "side": .string(order.side.rawValue),
            "sizeAndFills": .string(sizeAndFills(order)),
            "status": .string(status), "supportsTaxOpt": .string("1"), "ticker": .string(instrument?.symbol),
            "timeInForce": .string(order.tif == "DAY" ? "CLOSE" : order.tif),
        ]
        if let cOID = order.cOID { row["order_ref"] = .string(cOID) }
        if order.terminal != .filled, let total = order.totalQuantity { row["totalSize"] = .float(total) }
        if let cash = order.cashQuantity { row["totalCashSize"] = .float(cash) }
        if let price = order.orderType == .stop || order.orderType == .trail ? order.stopPrice : order.limitPrice {
            row["price"] = .string(TwinFormat.price(price))
        }
        if order.orderType == .stopLimit, let stop = order.stopPrice {
            row["auxPrice"] = .string(TwinFormat.price(stop))
        }
        if let average = order.averagePrice { row["avgPrice"] = .string(TwinFormat.price(average)) }
        if let parent = order.parentOrderId { row["parentId"] = .int(parent) }
        return .object(row)
    }

    func liveOrders(_ request: HTTPRequest) -> HTTPResponse {
        let force = request.queryValue("force") == "true"
        if force || !session.liveOrdersSubscribed {
            session.liveOrdersSubscribed = true
            return TwinHTTP.json(.object(["orders": .array([]), "snapshot": .bool(false)]))
        }
        // Status filters narrow the list; other filters (`sort_by_time`) do not.
        let statuses: Set<String> = [
            "inactive", "pendingsubmit", "presubmitted", "submitted", "filled", "pendingcancel", "cancelled",
            "warnstate",
        ]
        let filters = Set(
            (request.queryValue("filters") ?? "").split(separator: ",").map {
                $0.lowercased().replacing("_", with: "")
            }
        ).intersection(statuses)
        let rows = orders.keys.sorted().compactMap { orders[$0] }.filter { order in
            guard !order.isHidden(at: now) else { return false }
            guard !filters.isEmpty else { return true }
            let status = statusWord(order).lowercased()
            return filters.contains(status)
        }.map(liveRow)
        return TwinHTTP.json(.object(["orders": .array(rows), "snapshot": .bool(true)]))
    }

    func orderStatus(_ orderId: String) -> HTTPResponse {
        // cpapi.md §6.10: only orders of the current brokerage session; older or unknown orders answer 503.
        guard let id = Int(orderId), let order = orders[id], !order.isHidden(at: now),
            let instrument = market.instruments[order.conid], order.brokerageEpoch == session.epoch
        else {
            return TwinHTTP.unavailable
        }
        let status = statusWord(order)
        let filled = order.terminal == .filled
        let ccp = filled ? "2" : (order.terminal == .cancelled ? "4" : "0")
        let statusText =
            filled ? "Order Filled" : (order.terminal == .cancelled ? "Order Cancelled" : "Order Submitted")
        let displayPrice = order.limitPrice ?? order.stopPrice
        var row: [String: TwinJSON] = [
            "account": .string(order.account), "alert_active": .int(1), "allowed_duplicate_opposite": .bool(true),
            "available_chart_periods": .string("#R|1"), "bg_color": .string("#0000CC"),
            "cannot_cancel_order": .bool(!order.isWorking), "child_order_type": .string("3"),
            "company_name": .string(instrument.companyName), "conid": .int(order.conid),
            "conidex": .string(String(order.conid)), "contract_description_1": .string(instrument.symbol),
            "cum_fill": .string(TwinJSON.floatText(order.filledQuantity)), "currency": .string("USD"),
            "deactivate_order": .bool(false), "editable_fields": .string("\u{1E}"),
            "exit_strategy_chart_description": .string(orderDescription(order)),
            "exit_strategy_tool_availability": .string("1"), "fg_color": .string("#FFFFFF"),
            "listing_exchange": .string(instrument.listingExchange), "option_acct": .string("c"),
            "order_ccp_status": .string(ccp), "order_clearing_account": .string(order.account),
            "order_description": .string(orderDescription(order)),
            "order_description_with_contract": .string(orderDescription(order, withSymbol: true)),
            "order_id": .int(order.orderId), "order_not_editable": .bool(!order.isWorking),
            "order_status": .string(status), "order_status_description": .string(statusText),
            "order_time": .string(TwinCalendar.utcStamp(order.placedAt, format: .compact)),
            "order_type": .string(order.orderType.upperName), "outside_rth": .bool(order.outsideRTH),
            "request_id": .string(String(order.orderId % 100_000)), "sec_type": .string("STK"),
            "server_id": .string("0"), "side": .string(order.side.letter),
            "size": .string(TwinJSON.floatText(order.remainingQuantity ?? 0)),
            "size_and_fills": .string(sizeAndFills(order)), "sub_type": .null, "symbol": .string(instrument.symbol),
            "tif": .string(order.tif), "total_size": .string(TwinJSON.floatText(order.totalQuantity ?? 0)),
            "use_price_mgmt_algo": .bool(false),
        ]
        if let displayPrice {
            row["exit_strategy_display_price"] = .string(TwinFormat.price(displayPrice))
            row[order.orderType == .limit || order.orderType == .stopLimit ? "limit_price" : "stop_price"] =
                .string(TwinFormat.price(displayPrice))
        }
        if let average = order.averagePrice { row["average_price"] = .string(TwinFormat.price(average)) }
        return TwinHTTP.json(.object(row))
    }

    func trades(_ request: HTTPRequest) -> HTTPResponse {
        let days = min(7, max(1, Int(request.queryValue("days") ?? "1") ?? 1))
        let since = now.addingTimeInterval(-Double(days) * 86400)
        let rows: [TwinJSON] = executions.filter { $0.time >= since }.compactMap { execution in
            guard let instrument = market.instruments[execution.conid],
                !(orders[execution.orderId]?.isHidden(at: now) ?? false)
            else { return nil }
            let verb = execution.side == .buy ? "Bot" : "Sold"
            let size = TwinFormat.quantity(execution.quantity)
            let value = execution.quantity * execution.price
            // cpapi.md §6.11 [REAL REC-A]: net_amount 9932.72 = 56 × 177.37, the commission (1.0) apart.
            let net = value
            var row: [String: TwinJSON] = [
                "execution_id": .string(execution.executionId), "symbol": .string(instrument.symbol),
                "supports_tax_opt": .string("1"), "side": .string(execution.side.letter),
                "order_description": .string(
                    "\(verb) \(size) @ \(TwinFormat.price(execution.price)) on \(instrument.listingExchange)"),
                "trade_time": .string(TwinCalendar.utcStamp(execution.time, format: .trade)),
                "trade_time_r": .int(TwinFormat.millis(execution.time)), "size": .float(execution.quantity),
                "price": .string(TwinFormat.price(execution.price)), "order_id": .int(execution.orderId),
                "submitter": .string("twinuser"), "exchange": .string(instrument.listingExchange),
                "commission": .string(TwinJSON.floatText(execution.commission)),
                "net_amount": .float(TwinFormat.round(net, scale: 2)), "account": .string(configuration.accountID),
                "accountCode": .string(configuration.accountID),
                "account_allocation_name": .string(configuration.accountID),
                "company_name": .string(instrument.companyName), "contract_description_1": .string(instrument.symbol),
                "sec_type": .string("STK"), "listing_exchange": .string(instrument.listingExchange),
                "conid": .int(instrument.conid), "conidEx": .string(String(instrument.conid)),
                "clearing_id": .string("IB"), "clearing_name": .string("IB"), "liquidation_trade": .string("0"),
                "is_event_trading": .string("0"),
            ]
            if let cOID = execution.cOID { row["order_ref"] = .string(cOID) }
            return .object(row)
        }
        return TwinHTTP.json(.array(rows))
    }
}
