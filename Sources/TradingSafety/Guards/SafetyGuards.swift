import FoundationEssentials
import TradingDomain

/// The guards as one pure function of (order, context, policy). `GuardedBroker` gathers the context, calls
/// `evaluate`, and journals the result; tests call `evaluate` directly with tables of contexts.
///
/// Order (the first refusal wins): account → deny-list → allow-list → short sale (exposure) → trading hours → stop side →
/// bracket exits → per-order value cap → unresolved dispatch → duplicate window → daily cap.
public struct SafetyGuards: Sendable {
    public let policy: SafetyPolicy
    /// Guards left out (mutation tests only, see `SafetyWeakening`); empty in every real composition.
    public let omitted: Set<GuardName>

    public init(policy: SafetyPolicy, omitting omitted: Set<GuardName> = []) {
        self.policy = policy
        self.omitted = omitted
    }

    private func applies(_ name: GuardName) -> Bool { !omitted.contains(name) }

    /// What is being checked: a plain order, a bracket (its entry is the order), or a modification.
    public enum Subject: Sendable, Hashable {
        case order(OrderRequest)
        case bracket(BracketRequest)
        /// A new version of a working order; identity checks (duplicate, unresolved) do not apply.
        case modification(OrderRequest)

        /// The order the guards value and check (a bracket's entry).
        public var order: OrderRequest {
            switch self {
            case .order(let order), .modification(let order): return order
            case .bracket(let bracket): return bracket.entryOrder
            }
        }

        /// What the journal and the duplicate guard know the attempt by (a bracket as a whole).
        public var fingerprint: OrderFingerprint {
            switch self {
            case .order(let order), .modification(let order): return OrderFingerprint(order: order)
            case .bracket(let bracket): return OrderFingerprint(bracket: bracket)
            }
        }
    }

    /// Runs every guard in order and reports the first refusal, or `.allow`.
    public func evaluate(_ subject: Subject, context: GuardContext) -> GuardReport {
        var notes: [String] = []
        let order = subject.order
        let isExit: Bool
        let notional: Decimal?
        if case .bracket(let bracket) = subject {
            // A bracket opens a position (its entry) and is valued by what its BUY legs can pay.
            isExit = false
            notional = OrderValuation.buyLegsValue(of: bracket, quote: context.quote)
        } else {
            isExit = Self.isExit(order, held: context.heldQuantity, resting: context.restingOrders)
            notional = OrderValuation.notional(of: order, quote: context.quote)
        }

        func blocked(_ name: GuardName, _ error: TradingError) -> GuardReport {
            GuardReport(decision: .block(name, error), notional: notional, isExit: isExit, notes: notes)
        }

        if applies(.account), let error = checkAccount(context.identity) { return blocked(.account, error) }
        if applies(.denyList), policy.deniedSymbols.contains(order.symbol) {
            return blocked(
                .denyList,
                TradingError(
                    .symbolDenied, "\(order.symbol) is on the deny-list.",
                    hint: "remove it from SYMBOL_DENYLIST if it should trade"))
        }
        if applies(.allowList), !policy.allowedSymbols.isEmpty && !policy.allowedSymbols.contains(order.symbol) {
            return blocked(
                .allowList,
                TradingError(
                    .symbolNotAllowed, "\(order.symbol) is not on the allow-list.",
                    hint: "add it to SYMBOL_ALLOWLIST if it should trade"))
        }
        if applies(.shortSale), let error = checkShortSale(subject, context: context) {
            return blocked(.shortSale, error)
        }
        if applies(.tradingHours), let error = checkTradingHours(subject, isExit: isExit, context: context) {
            return blocked(.tradingHours, error)
        }
        if applies(.stopSide), let error = checkStopSide(order, quote: context.quote, notes: &notes) {
            return blocked(.stopSide, error)
        }
        if applies(.bracketExits), case .bracket(let bracket) = subject,
            let error = checkBracketExits(bracket, quote: context.quote)
        {
            return blocked(.bracketExits, error)
        }
        // Every entry passes the caps: every BUY leg of a bracket (a SELL bracket's exits included), a buy unless it
        // only covers a short, and a sell that opens or adds to a short (only reachable with TRADING_ALLOW_SHORT:
        // without it the short-sale guard refused it above).
        let isBracket: Bool
        if case .bracket = subject { isBracket = true } else { isBracket = false }
        let capsApply = isBracket || !isExit
        if !isBracket && order.side == .buy && isExit {
            notes.append("buy covers an existing short: value caps do not apply to exits")
        }
        if applies(.orderValueCap), capsApply,
            let error = checkOrderValue(order, notional: notional, bracket: isBracket)
        {
            return blocked(.orderValueCap, error)
        }
        if case .modification = subject {
            // A modification changes an order that already exists; it is not a second order.
        } else {
            if applies(.unresolvedDispatch), let pending = context.unresolvedIdentical {
                return blocked(
                    .unresolvedDispatch,
                    TradingError(
                        .unresolvedDispatch,
                        "An identical \(order.side.rawValue) \(order.symbol) order (client order id \(pending)) was"
                            + " dispatched but its outcome is unknown; resending could place it twice.",
                        hint: "run reconcile_pending (or check open_orders / order_status) first, then retry"))
            }
            if applies(.duplicateWindow), policy.duplicateWindow > 0, let last = context.lastIdenticalDispatch,
                context.now.timeIntervalSince(last) < policy.duplicateWindow
            {
                return blocked(
                    .duplicateWindow,
                    TradingError(
                        .duplicateOrder,
                        "An identical \(order.side.rawValue) \(order.symbol) order was sent"
                            + " \(Self.seconds(context.now.timeIntervalSince(last))) ago (duplicate window"
                            + " \(Self.seconds(policy.duplicateWindow))).",
                        hint: "check order_status before sending it again; change the size or price if it is meant"
                            + " to be a second order"))
            }
        }
        let added = notional.map { max(0, $0 - (context.replacedNotional ?? 0)) }
        if applies(.dailyCap), capsApply, let limit = policy.maxDailyValue, let added,
            context.spentToday + added > limit
        {
            let remaining = max(limit - context.spentToday, 0)
            return blocked(
                .dailyCap,
                TradingError(
                    .dailyCapExceeded,
                    "Daily limit: \(Money.text(context.spentToday)) already spent today, this order adds"
                        + " ~\(Money.text(added)), the limit is \(Money.text(limit)) (remaining"
                        + " \(Money.text(remaining))).",
                    hint: "wait for the next trading day or raise MAX_DAILY_VALUE"))
        }
        return GuardReport(decision: .allow, notional: notional, isExit: isExit, notes: notes)
    }

    /// True when the order only reduces an existing position and cannot, together with every other working order
    /// on its side (OCA siblings counted once, at the largest), take the position across zero (reduce-only).
    /// Unknown holdings or unknown working orders are never an exit.
    public static func isExit(_ order: OrderRequest, held: Decimal?, resting: [RestingOrder]? = []) -> Bool {
        guard let held, let resting, let quantity = order.quantity else { return false }
        let committed = RestingOrder.committed(resting, side: order.side)
        switch order.side {
        case .sell: return held > 0 && quantity + committed <= held
        case .buy: return held < 0 && quantity + committed <= -held
        }
    }

    static func seconds(_ interval: TimeInterval) -> String {
        "\(Int(interval.rounded(.down)))s"
    }
}
