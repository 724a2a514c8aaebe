import FoundationEssentials
import TradingDomain

/// The only path to a broker: every placement passes the guards, is journaled, and is serialized with every other
/// placement on the account. Tools see this type, never a bare `Broker`.
///
/// For each placement (`place`, `placeBracket`, `modify`, `closePosition`), in this order:
/// 1. **Serialize**: wait for the previous placement on this account to finish (check → send → journal), so two
///    concurrent orders cannot both pass a cap.
/// 2. **Round** the order onto the instrument's grid (`InstrumentRules`: tick, quantity decimals) so the guards,
///    the fingerprint and the journal see what will be sent; then **gather** facts: the broker's own account
///    identity (selected account, paper flag); for sells (or anything when shorting is allowed) the position
///    and the working orders on the symbol; a quote when the order's value or a stop needs one; the regular-session flag from `MarketHours`;
///    and from the journal today's spend, identical recent dispatches and unresolved identical orders.
/// 3. **Guards** (`SafetyGuards.evaluate`; the first refusal wins):
///    1. account binding: a configured account (`IBKR_ACCOUNT_ID`), equal to the broker's selected account, a
///       known paper flag agreeing with `IBKR_TRADING_MODE`, and `TRADING_ALLOW_LIVE=true` for a live account.
///       Any doubt refuses;
///    2. deny-list (`SYMBOL_DENYLIST`), then allow-list (`SYMBOL_ALLOWLIST`, when set);
///    3. short sale (the exposure rule, unless `TRADING_ALLOW_SHORT=true`): a SELL bracket is refused (a short
///       entry); a sell must fit, together with every working sell on the symbol (broker-listed, placed anywhere;
///       OCA siblings once; unresolved dispatches), inside the long position, else it is refused naming the
///       resting orders; unreadable positions or orders refuse a sell (fail closed);
///    4. trading hours: regular session only, except protective exits (a stop, stop-limit or trailing stop that
///       reduces a position, sent GTC);
///    5. stop side: a stop trigger on the wrong side of the market (it would fire at once) is refused;
///    6. bracket exits: take-profit and stop-loss on the right side of the expected entry fill;
///    7. per-order cap (`MAX_ORDER_VALUE`) on buys that open or add: the cash amount, or quantity × the worst price
///       the order can pay (limit for LMT/STOP_LIMIT, the worse of trigger and market for STP, market plus trail
///       for TRAIL, the worse of last and ask for MKT). No price refuses. Exits are never value-blocked;
///    8. unresolved dispatch: an identical order whose outcome is unknown blocks until reconciled;
///    9. duplicate window (`DUPLICATE_WINDOW_SECONDS`): an identical order (symbol, side, size, type, prices)
///       dispatched within the window, and possibly live, is refused;
///    10. daily cap (`MAX_DAILY_VALUE`, optional): today's dispatched buys, once per client order id, plus this one.
/// 4. A refusal is journaled as a `blocked` outcome and thrown.
/// 5. **Dry run** (`TRADING_DRY_RUN`, on by default): journal a `dry_run` outcome and report what would have been
///    sent and its value. Nothing is sent.
/// 6. **Dispatch**: journal the `intent` and fsync it (if that fails, nothing is sent), call the broker, then
///    journal the `outcome`: `sent` with the broker's status; `rejected` or `not_sent` when the broker's error says
///    nothing was placed; `unknown` when it may have been (timeout, 503, unreadable answer), which blocks an
///    identical order until `reconcilePending` resolves it.
///
/// Reads (quotes, positions, order status, …) pass straight through. Cancels are never blocked by a guard, but
/// take one working order id, are journaled (intent, outcome) and are not sent in dry-run mode.
public actor GuardedBroker {
    public nonisolated let policy: SafetyPolicy
    public nonisolated let journal: TradeJournal
    let broker: any Broker
    let marketData: any MarketData
    let session: any BrokerSession
    let marketHours: any MarketHours
    let clock: WallClock
    let nextClientOrderID: @Sendable () -> ClientOrderID
    let guards: SafetyGuards
    /// Empty except in mutation tests (see `SafetyWeakening`).
    public nonisolated let weakening: SafetyWeakening
    let instrumentRules: (any InstrumentRules)?
    /// Price history, symbol search and P&L; nil when the broker offers none (the research tools then say so).
    let research: (any MarketResearch)?
    let gate = SerialGate()
    /// Answers reused for a moment instead of asking the gateway again (see `RecentReads`).
    var recentReads: RecentReads
    /// The positions decisions use, reused per symbol while nothing seen could have changed them (see
    /// `ExposurePositions`).
    var exposurePositions: ExposurePositions

    public init(
        broker: any Broker,
        marketData: any MarketData,
        session: any BrokerSession,
        marketHours: any MarketHours,
        policy: SafetyPolicy,
        journal: TradeJournal,
        clock: @escaping WallClock,
        clientOrderIDs: @escaping @Sendable () -> ClientOrderID,
        instrumentRules: (any InstrumentRules)? = nil,
        weakening: SafetyWeakening = .none,
        readReuse: TimeInterval = RecentReads.standardReuse,
        research: (any MarketResearch)? = nil
    ) {
        self.research = research
        self.recentReads = RecentReads(reuse: readReuse)
        self.exposurePositions = ExposurePositions(reuse: readReuse > 0 ? ExposurePositions.standardReuse : 0)
        self.broker = broker
        self.marketData = marketData
        self.session = session
        self.marketHours = marketHours
        self.policy = policy
        self.journal = journal
        self.clock = clock
        self.nextClientOrderID = clientOrderIDs
        self.guards = SafetyGuards(policy: policy, omitting: weakening.omittedGuards)
        self.weakening = weakening
        self.instrumentRules = instrumentRules
    }

    /// Places one order through every guard (see the type's documentation).
    public func place(_ order: OrderRequest) async throws -> PlacementResult {
        try await serialized { try await self.attempt(try await self.onGrid(.order(order)), modifying: nil) }
    }

    /// Places a bracket (entry plus OCA take-profit and stop-loss, exits GTC), guarded as a whole: a SELL bracket
    /// is a short entry, and its BUY legs are valued against both caps.
    public func placeBracket(_ bracket: BracketRequest) async throws -> PlacementResult {
        try await serialized { try await self.attempt(try await self.onGrid(.bracket(bracket)), modifying: nil) }
    }

    /// Modifies a working order to `order`, guarded like a new order except for the duplicate and unresolved
    /// checks; the daily cap counts only the increase over the journaled value of the original. The order must
    /// be working and keep its symbol and side (checked before anything is sent).
    public func modify(_ orderID: OrderID, to order: OrderRequest) async throws -> PlacementResult {
        try await serialized {
            try await self.checkModifiable(orderID, to: order)
            return try await self.attempt(try await self.onGrid(.modification(order)), modifying: orderID)
        }
    }

    /// How many placements wait for the one in progress.
    func waitingPlacements() async -> Int { await gate.waiting }

    /// Runs `body` holding the account's placement lock.
    func serialized<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await gate.acquire()
        // Every serialized call may send or cancel an order: what was read of the account before is stale after.
        defer { recentReads.forgetAccount() }
        do {
            let result = try await body()
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }
}
