import Foundation

extension TwinCore {
    /// True when the order may fill at `date`: regular hours, or extended hours with `outsideRTH`.
    func canFill(_ order: TwinOrder, at date: Date) -> Bool {
        let open = phase(at: date)
        return order.outsideRTH ? open.extended : open.regular
    }

    private func laneKey(_ anyHours: Bool) -> WritableKeyPath<InstrumentBook, BookLane> {
        anyHours ? \.anyHours : \.regularOnly
    }

    /// Puts a working order into its instrument's trigger index (or takes it out when it is done or held).
    func rest(_ order: TwinOrder) {
        unrest(order)
        guard order.isWorking, !order.heldByParent else { return }
        let buy = order.side == .buy
        func limitSlot() -> RestingSlot {
            let key = TriggerIndex.Key(
                price: order.limitPrice.flatMap(TwinMicros.from) ?? 0, orderId: order.orderId)
            return buy ? .buyLimit(key) : .sellLimit(key)
        }
        func stopSlot() -> RestingSlot {
            let key = TriggerIndex.Key(
                price: order.stopPrice.flatMap(TwinMicros.from) ?? 0, orderId: order.orderId)
            return buy ? .buyStop(key) : .sellStop(key)
        }
        let slot: RestingSlot
        switch order.orderType {
        case .market: slot = .marketable
        case .limit: slot = limitSlot()
        case .stop: slot = order.triggered ? .marketable : stopSlot()
        case .stopLimit: slot = order.triggered ? limitSlot() : stopSlot()
        case .trail: slot = order.triggered ? .marketable : .trailing
        }
        books[order.conid, default: InstrumentBook()][keyPath: laneKey(order.outsideRTH)]
            .insert(orderId: order.orderId, slot: slot)
        slots[order.orderId] = slot
        restingLane[order.orderId] = order.outsideRTH
    }

    func unrest(_ order: TwinOrder) {
        guard let slot = slots.removeValue(forKey: order.orderId) else { return }
        let anyHours = restingLane.removeValue(forKey: order.orderId) ?? order.outsideRTH
        books[order.conid]?[keyPath: laneKey(anyHours)].remove(orderId: order.orderId, slot: slot)
    }

    /// Lets every instrument's resting orders react (at session boundaries).
    func evaluateAll(at date: Date) {
        for conid in books.keys.sorted() { evaluate(conid: conid, at: date) }
    }

    /// Matches one instrument's resting orders against its current quote.
    func evaluate(conid: Int, at date: Date) {
        guard let book = books[conid], book.regularOnly.restingCount + book.anyHours.restingCount > 0 else { return }
        let open = phase(at: date)
        guard open.extended, !(market.quotes[conid]?.halted ?? false) else { return }
        let regular = open.regular
        var budget = market.liquidity(conid: conid)
        var rounds = 0
        repeat {
            reevaluate = false
            evaluateLane(conid: conid, anyHours: true, budget: &budget, at: date)
            if regular { evaluateLane(conid: conid, anyHours: false, budget: &budget, at: date) }
            rounds += 1
        } while reevaluate && rounds < 8
    }

    private func lane(_ conid: Int, _ anyHours: Bool) -> BookLane? {
        books[conid]?[keyPath: laneKey(anyHours)]
    }

    private func evaluateLane(conid: Int, anyHours: Bool, budget: inout Decimal?, at date: Date) {
        guard let quote = market.quotes[conid], let snapshot = lane(conid, anyHours) else { return }
        if snapshot.trailing.isEmpty && snapshot.marketable.isEmpty
            && !(snapshot.buyStops.lowest.map { $0.price <= quote.lastMicros } ?? false)
            && !(snapshot.sellStops.highest.map { $0.price >= quote.lastMicros } ?? false)
            && !(snapshot.buyLimits.highest.map { $0.price >= quote.askMicros } ?? false)
            && !(snapshot.sellLimits.lowest.map { $0.price <= quote.bidMicros } ?? false)
        {
            return
        }
        for orderId in snapshot.trailing {
            guard let order = orders[orderId] else { continue }
            if ratchet(order, lastMicros: quote.lastMicros) {
                order.triggered = true
                rest(order)
            }
        }
        while let top = lane(conid, anyHours)?.buyStops.lowest, top.price <= quote.lastMicros {
            trigger(top.orderId)
        }
        while let top = lane(conid, anyHours)?.sellStops.highest, top.price >= quote.lastMicros {
            trigger(top.orderId)
        }
        for orderId in lane(conid, anyHours)?.marketable ?? [] {
            if let budget, budget <= 0 { return }
            guard let order = orders[orderId] else { continue }
            fill(order, price: order.side == .buy ? quote.ask : quote.bid, budget: &budget, at: date)
        }
        while budget.map({ $0 > 0 }) ?? true, let top = lane(conid, anyHours)?.buyLimits.highest,
            top.price >= quote.askMicros, let order = orders[top.orderId]
        {
            fill(order, price: quote.ask, budget: &budget, at: date)
            if order.isWorking { break }
        }
        while budget.map({ $0 > 0 }) ?? true, let top = lane(conid, anyHours)?.sellLimits.lowest,
            top.price <= quote.bidMicros, let order = orders[top.orderId]
        {
            fill(order, price: quote.bid, budget: &budget, at: date)
            if order.isWorking { break }
        }
    }

    private func trigger(_ orderId: Int) {
        guard let order = orders[orderId] else { return }
        order.triggered = true
        rest(order)
    }

    /// Moves a trailing stop in the favourable direction only; answers true when the last price reached it.
    /// The decimal work runs only on a new favourable extreme; otherwise this is one integer comparison.
    func ratchet(_ order: TwinOrder, lastMicros: Int64) -> Bool {
        let sell = order.side == .sell
        let fresh = order.trailExtremeMicros.map { sell ? lastMicros > $0 : lastMicros < $0 } ?? true
        if fresh {
            order.trailExtremeMicros = lastMicros
            moveTrailingStop(order, last: TwinMicros.decimal(lastMicros))
            order.trailStopMicros = order.stopPrice.flatMap(TwinMicros.from)
        }
        guard let stop = order.trailStopMicros else { return false }
        return sell ? lastMicros <= stop : lastMicros >= stop
    }

    /// The trailing stop's new level for a favourable last price (never moved against the order).
    private func moveTrailingStop(_ order: TwinOrder, last: Decimal) {
        guard let amount = order.trailingAmount, let instrument = market.instruments[order.conid] else { return }
        let offset = order.trailingPercent ? last * amount / 100 : amount
        let raw = order.side == .sell ? last - offset : last + offset
        let candidate = TwinFormat.round(raw / instrument.tick, scale: 0) * instrument.tick
        if let stop = order.stopPrice {
            order.stopPrice = order.side == .sell ? max(stop, candidate) : min(stop, candidate)
        } else {
            order.stopPrice = candidate
        }
    }

    /// Executes as much of the order as the budget allows at `price`.
    func fill(_ order: TwinOrder, price: Decimal, budget: inout Decimal?, at date: Date) {
        guard order.isWorking, price > 0, let instrument = market.instruments[order.conid] else { return }
        var quantity: Decimal
        if let remaining = order.remainingQuantity {
            quantity = remaining
        } else {
            let cashLeft = (order.cashQuantity ?? 0) - order.cashSpent
            quantity = TwinFormat.roundDown(cashLeft / price, scale: instrument.fraqInt)
        }
        var limited = false
        if let available = budget, available < quantity {
            quantity = TwinFormat.roundDown(available, scale: instrument.fraqInt)
            limited = true
        }
        guard quantity > 0 else {
            if !limited { finishCash(order) }
            return
        }
        order.filledQuantity += quantity
        order.filledValue += quantity * price
        if order.cashQuantity != nil { order.cashSpent += quantity * price }
        let commission = TwinCommission.fixed(quantity: order.filledQuantity, value: order.filledValue)
        let charged = commission - order.commission
        order.commission = commission
        order.lastExecutionAt = date
        ledger.apply(conid: order.conid, side: order.side, quantity: quantity, price: price, commission: charged)
        executions.append(
            TwinExecution(
                executionId: executionID(at: date), orderId: order.orderId, conid: order.conid, side: order.side,
                quantity: quantity, price: price, commission: charged, time: date, cOID: order.cOID))
        if let available = budget { budget = available - quantity }
        let complete = order.remainingQuantity.map { $0 <= 0 } ?? !limited
        if complete {
            if order.totalQuantity == nil { order.totalQuantity = order.filledQuantity }
            order.terminal = .filled
            unrest(order)
        }
        afterExecution(order, quantity: quantity, complete: complete)
    }

    /// A cash order whose remaining amount buys less than the smallest fraction ends here.
    private func finishCash(_ order: TwinOrder) {
        order.totalQuantity = order.filledQuantity
        order.terminal = order.filledQuantity > 0 ? .filled : .cancelled
        unrest(order)
        afterExecution(order, quantity: 0, complete: order.terminal == .filled)
    }

    private func executionID(at date: Date) -> String {
        let sequence = String(executionIDs.next(), radix: 16)
        let seconds = String(Int(date.timeIntervalSince1970), radix: 16)
        let padded = String(repeating: "0", count: max(0, 8 - sequence.count)) + sequence
        return "\(padded).\(seconds).01.01"
    }

    /// Bracket and OCA consequences of an execution.
    private func afterExecution(_ order: TwinOrder, quantity: Decimal, complete: Bool) {
        if let group = order.ocaGroupId {
            for sibling in ocaSiblings(group, excluding: order.orderId) {
                if complete {
                    cancel(sibling, cascade: false)
                } else if quantity > 0, let total = sibling.totalQuantity {
                    sibling.totalQuantity = max(sibling.filledQuantity, total - quantity)
                    if sibling.remainingQuantity == 0 { cancel(sibling, cascade: false) }
                }
            }
        }
        if complete && !order.childOrderIds.isEmpty { releaseChildren(of: order, quantity: nil) }
    }

    func ocaSiblings(_ group: String, excluding orderId: Int) -> [TwinOrder] {
        orders.keys.sorted().compactMap { orders[$0] }.filter {
            $0.ocaGroupId == group && $0.orderId != orderId && $0.isWorking
        }
    }

    /// Activates a bracket's children once the parent filled (optionally resized to a partial parent fill).
    private func releaseChildren(of parent: TwinOrder, quantity: Decimal?) {
        for childId in parent.childOrderIds {
            guard let child = orders[childId], child.isWorking, child.heldByParent else { continue }
            if let quantity { child.totalQuantity = quantity }
            child.heldByParent = false
            rest(child)
            reevaluate = true
        }
    }

    /// Cancels a working order; `cascade` also cancels its OCA siblings (a user cancel of one bracket leg).
    func cancel(_ order: TwinOrder, cascade: Bool) {
        guard order.isWorking else { return }
        order.terminal = .cancelled
        unrest(order)
        if !order.childOrderIds.isEmpty {
            if order.filledQuantity > 0 {
                releaseChildren(of: order, quantity: order.filledQuantity)
            } else {
                for childId in order.childOrderIds { orders[childId].map { cancel($0, cascade: false) } }
            }
        }
        if cascade, let group = order.ocaGroupId {
            for sibling in ocaSiblings(group, excluding: order.orderId) { cancel(sibling, cascade: false) }
        }
    }

    /// At the close every working DAY order expires.
    func expireDayOrders(at date: Date) {
        for orderId in orders.keys.sorted() {
            guard let order = orders[orderId], order.isWorking, order.tif == "DAY" else { continue }
            cancel(order, cascade: false)
        }
    }
}
