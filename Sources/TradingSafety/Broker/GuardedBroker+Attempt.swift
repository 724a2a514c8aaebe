import FoundationEssentials
import TradingDomain

extension GuardedBroker {
    /// One placement attempt: gather, guard, journal, dry-run or dispatch. Must run under the gate. `subject` is
    /// already on the instrument's grid (`onGrid`); `excluding` names working orders the caller cancels first (a
    /// close), which the exposure rule must not count; `isClose` journals the order as `close_position`'s.
    func attempt(
        _ subject: SafetyGuards.Subject, modifying orderID: OrderID?, excluding: Set<OrderID> = [],
        isClose: Bool = false, known: KnownFacts = KnownFacts()
    ) async throws -> PlacementResult {
        let now = clock()
        let clientOrderID = nextClientOrderID()
        let order = subject.order
        let fingerprint = subject.fingerprint
        let action: JournalRecord.Action
        let orders: [OrderRequest]
        switch subject {
        case .order(let plain):
            action = isClose ? .close : .place
            orders = [plain]
        case .bracket(let bracket):
            action = .bracket
            orders = [bracket.entryOrder, bracket.takeProfitOrder, bracket.stopLossOrder]
        case .modification(let modified):
            action = .modify
            orders = [modified]
        }
        let amends = orderID.flatMap { journal.clientOrderID(forOrder: $0) }
        let context = await gatherContext(
            subject, modifying: orderID, excluding: excluding, readsExposure: isClose || readsExposure(subject),
            now: now, known: known)
        let report = guards.evaluate(subject, context: context)
        let identity = try? context.identity.get()

        var line = JournalRecord(
            kind: .outcome, timestamp: now, clientOrderID: clientOrderID, action: action,
            account: identity?.selectedAccount?.value, paper: identity?.isPaper, order: fingerprint,
            timeInForce: order.timeInForce, notional: report.notional, orderID: orderID, amends: amends)
        if case .bracket = subject {
        } else if policy.allowShort && order.side == .sell && !report.isExit {
            // The sell opens or adds to a short: an entry, counted toward the caps like a buy.
            line.shortEntry = true
        }

        if case .block(let name, let error) = report.decision {
            line.outcome = .blocked
            line.guardName = name
            line.errorCode = error.code
            line.message = error.message
            // A refused order sends nothing, so a journal failure here must not hide the refusal.
            try? journal.append(line)
            throw error
        }

        if policy.dryRun {
            let message =
                "Dry run: validated, NOT sent. Would send \(fingerprint.summary)"
                + (action == .modify ? " as a modification of order \(orderID?.value ?? "?")" : "")
                + " (\(Self.valueText(report.notional, side: Self.valueSide(subject))))."
            line.outcome = .dryRun
            line.message = message
            var warning: TradingError?
            do { try journal.append(line) } catch { warning = error }
            return PlacementResult(
                disposition: .dryRun, clientOrderID: clientOrderID, orders: orders, acks: [],
                notional: report.notional, isExit: report.isExit, notes: report.notes, message: message,
                journalWarning: warning)
        }

        var intent = line
        intent.kind = .intent
        intent.status = .pending
        // The intent must be durable before anything leaves: a failure here throws and nothing is sent.
        if !weakening.journalsIntentAfterSending { try journal.append(intent) }

        // A buy (a bracket's entry, a cover) or a modification may change the position before any listing shows
        // it; a sell is counted as working until one does (see `ExposurePositions`).
        if !subject.isPlainSell { exposurePositions.mark(order.symbol) }
        let acks: [OrderAck]
        do {
            acks = try await send(subject, clientOrderID: clientOrderID, modifying: orderID)
            if weakening.journalsIntentAfterSending { try? journal.append(intent) }
        } catch {
            exposurePositions.mark(order.symbol)
            if weakening.journalsIntentAfterSending { try? journal.append(intent) }
            throw journalFailure(error, line: line)
        }
        exposurePositions.sent(acks, on: order.symbol)

        let primary = acks.first { $0.leg == .entry } ?? acks.first { $0.clientOrderID == clientOrderID } ?? acks.first
        line.timestamp = clock()
        line.outcome = .sent
        line.status = primary?.status ?? .unknown
        line.orderID = primary?.orderID ?? orderID
        line.message = primary?.message
        var warning: TradingError?
        do { try journal.append(line) } catch { warning = error }
        let verb = action == .modify ? "Modified" : "Sent"
        let statusText = primary.map { " — \($0.status.rawValue)" } ?? ""
        return PlacementResult(
            disposition: .sent, clientOrderID: clientOrderID, orders: orders, acks: acks, notional: report.notional,
            isExit: report.isExit, notes: report.notes,
            message:
                "\(verb) \(fingerprint.summary) (\(Self.valueText(report.notional, side: Self.valueSide(subject))))"
                + statusText + ".",
            journalWarning: warning)
    }

    /// Hands the order to the broker.
    private func send(
        _ subject: SafetyGuards.Subject, clientOrderID: ClientOrderID, modifying orderID: OrderID?
    ) async throws -> [OrderAck] {
        switch subject {
        case .order(let order):
            return [try await broker.place(order, clientOrderID: clientOrderID)]
        case .bracket(let bracket):
            let acks = try await broker.placeBracket(bracket, clientOrderID: clientOrderID)
            guard !acks.isEmpty else {
                throw TradingError(.unexpectedResponse, "The broker acknowledged the bracket with no orders.")
            }
            return acks
        case .modification(let order):
            guard let orderID else {
                throw TradingError(.internalFailure, "A modification was attempted without an order id.")
            }
            return [try await broker.modify(orderID, to: order)]
        }
    }

    /// Reads the facts the guards need. Failures become "unknown" facts; the guards decide what unknown means.
    /// The position and the working orders (the exposure) are read only when `readsExposure`: a BUY while
    /// shorting is not allowed is always an entry, so it reads neither. `known` holds facts this call already
    /// read (see `KnownFacts`).
    func gatherContext(
        _ subject: SafetyGuards.Subject, modifying: OrderID?, excluding: Set<OrderID> = [], readsExposure: Bool,
        now: Date, known: KnownFacts = KnownFacts()
    ) async -> GuardContext {
        let order = subject.order
        let identity = await accountIdentityResult()
        var context = GuardContext(
            now: now, identity: identity, isRegularSession: marketHours.isRegularSession(at: now), quote: nil,
            heldQuantity: nil, restingOrders: nil)
        // Nothing else matters when the account is wrong: do not read another account's positions.
        if guards.checkAccount(identity) != nil { return context }

        if readsExposure {
            // The orders first: a sell that fills between the two reads then counts twice (still working in the
            // listing, gone from the positions), which refuses, instead of not at all, which could go short. A
            // fill the listing shows also stops a reused position read (see `ExposurePositions`).
            let listed = try? await listedOrders()
            var positions = known.positions
            if positions == nil { positions = try? await positionsForDecision(on: order.symbol) }
            if let positions {
                context.heldQuantity = Self.held(order.symbol, in: positions)
                if let listed {
                    var skip = excluding
                    if let modifying { skip.insert(modifying) }
                    context.restingOrders = Self.restingOrders(
                        on: order.symbol, listed: listed, excluding: skip, unresolved: journal.unresolvedGroups())
                }
            }
        } else {
            context.restingOrders = []
        }
        if Self.needsQuote(subject) {
            context.quote = known.quote ?? recentReads.quote(order.symbol, at: now)
            if context.quote == nil, let quote = try? await marketData.quote(for: order.symbol) {
                context.quote = quote
                recentReads.remember(quote, at: now)
            }
        }
        context.spentToday = journal.spentToday(now: now, timeZone: policy.tradingDayTimeZone)
        let fingerprint = subject.fingerprint
        // Only the duplicate window reads this, and the scan grows with the day's journal: skip it when the window
        // is off.
        if policy.duplicateWindow > 0 { context.lastIdenticalDispatch = journal.lastLiveDispatch(of: fingerprint) }
        context.unresolvedIdentical = journal.unresolvedGroup(matching: fingerprint)?.clientOrderID
        // A modification is measured against the most the order has been worth, not its first value: after an
        // earlier modification the first value would undercount what is already committed.
        context.replacedNotional = modifying.flatMap { journal.committedValue(ofOrder: $0) }
        return context
    }

    /// Whether the guards need the position and the working orders: for every SELL (is it reduce-only?), and
    /// for everything when shorting is allowed (a BUY may then cover a short). A bracket is always an entry.
    func readsExposure(_ subject: SafetyGuards.Subject) -> Bool {
        if case .bracket = subject { return false }
        return subject.order.side == .sell || policy.allowShort
    }

    /// The net quantity held in `symbol` across the position rows (a symbol can have more than one row).
    static func held(_ symbol: Symbol, in positions: [Position]) -> Decimal {
        positions.filter { $0.symbol == symbol }.reduce(Decimal(0)) { $0 + $1.quantity }
    }

    /// The exposure's working orders on `symbol`: every order the broker lists that is not finished (whoever
    /// placed it), by what is left to fill, plus the journal's dispatches on the symbol whose outcome is unknown
    /// and that the broker does not list (they may exist). An order whose side the broker did not report counts
    /// as a sell, and one without a size as its whole quantity, so doubt refuses rather than lets through.
    static func restingOrders(
        on symbol: Symbol, listed: [Order], excluding: Set<OrderID>, unresolved: [JournalGroup]
    ) -> [RestingOrder] {
        var resting: [RestingOrder] = []
        for order in listed where order.symbol == symbol && !order.status.isTerminal {
            guard !excluding.contains(order.orderID) else { continue }
            let left =
                order.remainingQuantity ?? order.quantity.map { $0 - (order.filledQuantity ?? 0) } ?? 0
            resting.append(
                RestingOrder(
                    orderID: order.orderID, clientOrderID: order.clientOrderID, side: order.side ?? .sell,
                    quantity: max(left, 0), typeKind: order.typeKind,
                    ocaGroup: RestingOrder.ocaGroup(of: order.clientOrderID)))
        }
        let listedIDs = Set(listed.map(\.orderID))
        let listedClientIDs = Set(listed.compactMap(\.clientOrderID))
        for group in unresolved {
            guard let print = group.fingerprint, print.symbol == symbol, let quantity = print.quantity,
                !listedClientIDs.contains(group.clientOrderID)
            else { continue }
            if let id = group.orderID, listedIDs.contains(id) || excluding.contains(id) { continue }
            resting.append(
                RestingOrder(
                    orderID: nil, clientOrderID: group.clientOrderID, side: print.side, quantity: quantity,
                    typeKind: print.orderType, ocaGroup: nil))
        }
        return resting
    }

    /// A quote is read when the order's value or a stop check depends on the market.
    static func needsQuote(_ subject: SafetyGuards.Subject) -> Bool {
        if case .bracket = subject { return true }
        let order = subject.order
        if order.cashAmount != nil { return false }
        if case .limit = order.type { return false }
        return true
    }

    /// How a broker failure is journaled, and the error the caller sees.
    static func classify(_ error: any Error) -> (JournalRecord.Outcome, TradingError) {
        guard let trading = error as? TradingError else {
            return (
                .unknown,
                TradingError(
                    .outcomeUnknown,
                    "It is not known whether the order reached the broker (\(TradingError.describe(error))).",
                    hint: Self.reconcileHint)
            )
        }
        if trading.mayHaveReachedBroker {
            return (
                .unknown,
                TradingError(
                    trading.code, trading.message, hint: Self.reconcileHint, brokerMessage: trading.brokerMessage,
                    field: trading.field)
            )
        }
        let outcome: JournalRecord.Outcome =
            trading.code == .brokerRejected || trading.code == .warningNotApproved ? .rejected : .notSent
        return (outcome, trading)
    }

    static let reconcileHint =
        "do not resend it: run reconcile_pending (or check open_orders) to learn whether it was placed"

    static func asTradingError(_ error: any Error) -> TradingError {
        (error as? TradingError)
            ?? TradingError(.brokerUnavailable, "The broker could not be read: \(TradingError.describe(error))")
    }

    /// The side whose money the report's notional is: a bracket's is what its BUY legs may pay.
    static func valueSide(_ subject: SafetyGuards.Subject) -> OrderSide {
        if case .bracket = subject { return .buy }
        return subject.order.side
    }

    static func valueText(_ notional: Decimal?, side: OrderSide) -> String {
        guard let notional else { return "value unknown: no price" }
        return side == .buy ? "cost ~\(Money.text(notional))" : "proceeds ~\(Money.text(notional))"
    }

    /// Journals the outcome of a request that failed — `unknown` when it may have reached the broker, `rejected` or
    /// `not_sent` when it did not — and answers the error to throw. A failure to journal it must not hide the error.
    func journalFailure(_ error: any Error, line: JournalRecord) -> TradingError {
        var line = line
        let (outcome, failure) = Self.classify(error)
        line.timestamp = clock()
        line.outcome = outcome
        line.status = outcome == .unknown ? .unknown : (outcome == .rejected ? .rejected : nil)
        line.errorCode = failure.code
        line.message = failure.message
        line.brokerMessage = failure.brokerMessage
        try? journal.append(line)
        return failure
    }
}

extension SafetyGuards.Subject {
    /// A new SELL order on its own: neither a bracket nor a modification.
    var isPlainSell: Bool {
        if case .order(let plain) = self { return plain.side == .sell }
        return false
    }
}
