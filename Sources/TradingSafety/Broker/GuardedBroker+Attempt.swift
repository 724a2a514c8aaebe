import FoundationEssentials
import TradingDomain

extension GuardedBroker {
    /// One placement attempt: gather, guard, journal, dry-run or dispatch. Must run under the gate.
    func attempt(_ subject: SafetyGuards.Subject, modifying orderID: OrderID?) async throws -> PlacementResult {
        let now = clock()
        let clientOrderID = nextClientOrderID()
        let order = subject.order
        let fingerprint = subject.fingerprint
        let action: JournalRecord.Action
        let orders: [OrderRequest]
        switch subject {
        case .order(let plain):
            action = .place
            orders = [plain]
        case .bracket(let bracket):
            action = .bracket
            orders = [bracket.entryOrder, bracket.takeProfitOrder, bracket.stopLossOrder]
        case .modification(let modified):
            action = .modify
            orders = [modified]
        }
        let amends = orderID.flatMap { journal.clientOrderID(forOrder: $0) }
        let context = await gatherContext(subject, modifying: orderID, now: now)
        let report = guards.evaluate(subject, context: context)
        let identity = try? context.identity.get()

        var line = JournalRecord(
            kind: .outcome, timestamp: now, clientOrderID: clientOrderID, action: action,
            account: identity?.selectedAccount?.value, paper: identity?.isPaper, order: fingerprint,
            timeInForce: order.timeInForce, notional: report.notional, orderID: orderID, amends: amends)

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
                + " (\(Self.valueText(report.notional, side: order.side)))."
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
        try journal.append(intent)

        let acks: [OrderAck]
        do {
            acks = try await send(subject, clientOrderID: clientOrderID, modifying: orderID)
        } catch {
            let (outcome, failure) = Self.classify(error)
            line.timestamp = clock()
            line.outcome = outcome
            line.status = outcome == .unknown ? .unknown : (outcome == .rejected ? .rejected : nil)
            line.errorCode = failure.code
            line.message = failure.message
            line.brokerMessage = failure.brokerMessage
            try? journal.append(line)
            throw failure
        }

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
                "\(verb) \(fingerprint.summary) (\(Self.valueText(report.notional, side: order.side)))\(statusText).",
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
    func gatherContext(
        _ subject: SafetyGuards.Subject, modifying: OrderID?, now: Date
    ) async -> GuardContext {
        let order = subject.order
        let identity = await accountIdentityResult()
        var context = GuardContext(
            now: now, identity: identity, isRegularSession: marketHours.isRegularSession(at: now), quote: nil,
            heldQuantity: nil)
        // Nothing else matters when the account is wrong: do not read another account's positions.
        if guards.checkAccount(identity) != nil { return context }

        if let positions = try? await broker.positions() {
            context.heldQuantity = Self.held(order.symbol, in: positions)
        }
        if Self.needsQuote(subject) {
            context.quote = try? await marketData.quote(for: order.symbol)
        }
        context.spentToday = journal.spentToday(now: now, timeZone: policy.tradingDayTimeZone)
        let fingerprint = subject.fingerprint
        context.lastIdenticalDispatch = journal.lastLiveDispatch(of: fingerprint)
        context.unresolvedIdentical = journal.unresolvedGroup(matching: fingerprint)?.clientOrderID
        // A modification is measured against the most the order has been worth, not its first value: after an
        // earlier modification the first value would undercount what is already committed.
        context.replacedNotional = modifying.flatMap { journal.committedValue(ofOrder: $0) }
        return context
    }

    /// The net quantity held in `symbol` across the position rows (a symbol can have more than one row).
    static func held(_ symbol: Symbol, in positions: [Position]) -> Decimal {
        positions.filter { $0.symbol == symbol }.reduce(Decimal(0)) { $0 + $1.quantity }
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

    static func valueText(_ notional: Decimal?, side: OrderSide) -> String {
        guard let notional else { return "value unknown: no price" }
        return side == .buy ? "cost ~\(Money.text(notional))" : "proceeds ~\(Money.text(notional))"
    }
}
