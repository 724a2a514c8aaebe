import FoundationEssentials

extension TwinCore {
    /// True when the order may fill at `date`: regular hours, or extended hours with `outsideRTH`.
    func canFill(_ order: TwinOrder, at date: Date) -> Bool {
        // OPG orders trade only in the opening auction (run at the regular open).
        if order.tif == "OPG" { return openingAuction }
        let open = phase(at: date)
        return order.outsideRTH ? open.extended : open.regular
    }

    /// Puts a working order into its instrument's trigger index (or takes it out when it is done or held).
    func rest(_ order: TwinOrder) {
        guard order.isWorking, !order.heldByParent else {
            resting.remove(orderId: order.orderId)
            return
        }
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
        case .trail: slot = order.triggered ? .marketable : trailSlot(order)
        case .trailLimit: slot = order.triggered ? limitSlot() : trailSlot(order)
        case .midPrice: slot = .marketable
        }
        resting.insert(
            orderId: order.orderId, conid: order.conid, lane: RestingLane(outsideRTH: order.outsideRTH), slot: slot)
    }

    /// A trailing stop's place in the book; its extreme starts at the current last when it first rests.
    private func trailSlot(_ order: TwinOrder) -> RestingSlot {
        if order.trailExtremeMicros == nil, let last = market.quotes[order.conid]?.lastMicros {
            _ = ratchet(order, lastMicros: last)
        }
        let buy = order.side == .buy
        let extreme = TriggerIndex.Key(price: order.trailExtremeMicros ?? 0, orderId: order.orderId)
        let stop = TriggerIndex.Key(price: order.trailStopMicros ?? (buy ? .max : .min), orderId: order.orderId)
        return buy ? .buyTrail(extreme: extreme, stop: stop) : .sellTrail(extreme: extreme, stop: stop)
    }

    func unrest(_ order: TwinOrder) {
        resting.remove(orderId: order.orderId)
    }

    /// Lets every instrument's resting orders react (at session boundaries).
    func evaluateAll(at date: Date) {
        for conid in resting.conids { evaluate(conid: conid, at: date) }
    }

    /// Matches one instrument's resting orders against its current quote.
    func evaluate(conid: Int, at date: Date) {
        // The lanes' trigger levels say whether anything rests, without copying the book.
        guard resting.hasResting(conid) else { return }
        let open = phase(at: date)
        guard open.extended, !(market.quotes[conid]?.halted ?? false) else { return }
        let regular = open.regular
        var budget = market.liquidity(conid: conid)
        var rounds = 0
        repeat {
            reevaluate = false
            evaluateLane(conid: conid, .anyHours, budget: &budget, at: date)
            if regular { evaluateLane(conid: conid, .regularOnly, budget: &budget, at: date) }
            rounds += 1
        } while reevaluate && rounds < 8
    }

    private func evaluateLane(conid: Int, _ laneName: RestingLane, budget: inout Decimal?, at date: Date) {
        guard let quote = market.quotes[conid],
            resting.watch(conid, laneName).needsWork(last: quote.lastMicros, bid: quote.bidMicros, ask: quote.askMicros)
        else { return }
        // Each read goes to the book in place (`RestingBook.top`): copying a lane here retained its nine arrays.
        func edge(_ end: LaneEnd) -> TriggerIndex.Key? { resting.top(conid, laneName, end) }
        let last = quote.lastMicros
        // Trailing stops: ratchet only those a new favourable extreme reaches, then fire those the price reached.
        while let low = edge(.lowestSellTrailExtreme), low.price < last,
            let order = orders[low.orderId]
        {
            _ = ratchet(order, lastMicros: last)
            rest(order)
        }
        while let high = edge(.highestBuyTrailExtreme), high.price > last,
            let order = orders[high.orderId]
        {
            _ = ratchet(order, lastMicros: last)
            rest(order)
        }
        while let top = edge(.highestSellTrailStop), top.price >= last { trigger(top.orderId) }
        while let top = edge(.lowestBuyTrailStop), top.price <= last { trigger(top.orderId) }
        while let top = edge(.lowestBuyStop), top.price <= quote.lastMicros {
            trigger(top.orderId)
        }
        while let top = edge(.highestSellStop), top.price >= quote.lastMicros {
            trigger(top.orderId)
        }
        for orderId in resting.marketable(conid, laneName) {
            if let budget, budget <= 0 { return }
            guard let order = orders[orderId] else { continue }
            if order.tif == "OPG" && !openingAuction { continue }
            if order.orderType == .midPrice {
                // MIDPRICE fills at the midpoint, never beyond its cap (assumption beyond cpapi.md §6.1's field).
                let mid = TwinFormat.round((quote.bid + quote.ask) / 2, scale: 4)
                if let cap = order.limitPrice, order.side == .buy ? mid > cap : mid < cap { continue }
                fill(order, price: mid, budget: &budget, at: date)
                continue
            }
            fill(order, price: order.side == .buy ? quote.ask : quote.bid, budget: &budget, at: date)
        }
        while budget.map({ $0 > 0 }) ?? true, let top = edge(.highestBuyLimit),
            top.price >= quote.askMicros, let order = orders[top.orderId]
        {
            if order.tif == "OPG" && !openingAuction { break }
            fill(order, price: quote.ask, budget: &budget, at: date)
            if order.isWorking { break }
        }
        while budget.map({ $0 > 0 }) ?? true, let top = edge(.lowestSellLimit),
            top.price <= quote.bidMicros, let order = orders[top.orderId]
        {
            if order.tif == "OPG" && !openingAuction { break }
            fill(order, price: quote.bid, budget: &budget, at: date)
            if order.isWorking { break }
        }
    }

    private func trigger(_ orderId: Int) {
        guard let order = orders[orderId] else { return }
        engineCounters.triggers += 1
        order.triggered = true
        if order.orderType == .trailLimit, let stop = order.stopPrice, let offset = order.limitOffset {
            // The limit keeps its distance from the stop it trailed to (assumed: TWS's limit offset).
            order.limitPrice = stop + offset
        }
        rest(order)
    }

    /// Moves a trailing stop in the favourable direction only; answers true when the last price reached it.
    /// The work runs only on a new favourable extreme; otherwise this is one integer comparison.
    func ratchet(_ order: TwinOrder, lastMicros: Int64) -> Bool {
        let sell = order.side == .sell
        let fresh = order.trailExtremeMicros.map { sell ? lastMicros > $0 : lastMicros < $0 } ?? true
        if fresh {
            order.trailExtremeMicros = lastMicros
            moveTrailingStop(order, lastMicros: lastMicros)
        }
        guard let stop = order.trailStopMicros else { return false }
        return sell ? lastMicros <= stop : lastMicros >= stop
    }

    /// The trailing stop's new level for a favourable last price (never moved against the order), rounded half up
    /// to the tick. Integer millionths: a new extreme ratchets every trailing stop on that side at once, and
    /// Decimal division would cost microseconds each.
    private func moveTrailingStop(_ order: TwinOrder, lastMicros: Int64) {
        guard let amount = order.trailingAmount, let amountMicros = TwinMicros.from(amount),
            let tick = market.ticks[order.conid], tick > 0
        else { return }
        let offset =
            order.trailingPercent
            ? lastMicros.multipliedReportingOverflow(by: amountMicros).partialValue / 100_000_000 : amountMicros
        let raw = order.side == .sell ? lastMicros - offset : lastMicros + offset
        let candidate = raw >= 0 ? (raw + tick / 2) / tick * tick : -((-raw + tick / 2) / tick * tick)
        let previous = order.trailStopMicros ?? order.stopPrice.flatMap(TwinMicros.from)
        let stop = previous.map { order.side == .sell ? max($0, candidate) : min($0, candidate) } ?? candidate
        order.trailStopMicros = stop
        order.stopPrice = TwinMicros.decimal(stop)
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
        // A resting limit reached by the price counts as triggered at its first fill (a stop-limit already counted).
        if order.filledQuantity == 0, order.orderType == .limit { engineCounters.triggers += 1 }
        engineCounters.fills += 1
        // ShortDecimal: Foundation's results without Foundation's cost for these short numbers (see its comment).
        order.filledQuantity = ShortDecimal.add(order.filledQuantity, quantity)
        order.filledValue = ShortDecimal.add(order.filledValue, ShortDecimal.multiply(quantity, price))
        if order.cashQuantity != nil { order.cashSpent += quantity * price }
        let commission = TwinCommission.fixed(quantity: order.filledQuantity, value: order.filledValue)
        let charged = ShortDecimal.subtract(commission, order.commission)
        order.commission = commission
        order.lastExecutionAt = date
        ledger.apply(conid: order.conid, side: order.side, quantity: quantity, price: price, commission: charged)
        executions.append(
            TwinExecution(
                sequence: executionIDs.next(), orderId: order.orderId, conid: order.conid, side: order.side,
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
        // The group check stays: an order's group can be reassigned after it was indexed (a bracket child).
        (ocaMembers[group] ?? []).sorted().compactMap { orders[$0] }.filter {
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

    /// At the close every working DAY order expires, and GTD orders whose last day it is (or was).
    func expireDayOrders(at date: Date) {
        let today = TwinCalendar.dayNumber(of: date)
        for orderId in orders.keys.sorted() {
            guard let order = orders[orderId], order.isWorking else { continue }
            let gtdDone = order.tif == "GTD" && order.goodTillDay.map { $0 <= today } == true
            guard order.tif == "DAY" || gtdDone else { continue }
            cancel(order, cascade: false)
        }
    }

    /// The opening auction at the regular open: OPG orders trade now or never (cancelled unfilled).
    func runOpeningAuction(at date: Date) {
        openingAuction = true
        evaluateAll(at: date)
        openingAuction = false
        for orderId in orders.keys.sorted() {
            guard let order = orders[orderId], order.isWorking, order.tif == "OPG" else { continue }
            cancel(order, cascade: false)
        }
    }
}
