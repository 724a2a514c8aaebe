import FoundationEssentials
import TradingDomain

/// A preview from the broker together with what the guards would decide now (nothing is journaled or sent).
public struct OrderPreview: Sendable, Hashable {
    public var preview: Preview
    public var guardReport: GuardReport

    public init(preview: Preview, guardReport: GuardReport) {
        self.preview = preview
        self.guardReport = guardReport
    }
}

extension GuardedBroker {
    /// The broker's cost preview plus the guards' verdict, without journaling or sending anything.
    public func preview(_ order: OrderRequest) async throws -> OrderPreview {
        let preview = try await broker.preview(order)
        let report = await evaluate(.order(order))
        return OrderPreview(preview: preview, guardReport: report)
    }

    /// What the guards would decide about `subject` now. Read-only: nothing is journaled or sent.
    public func evaluate(_ subject: SafetyGuards.Subject) async -> GuardReport {
        await evaluateUnderGate(subject)
    }

    /// The guards' verdict with freshly gathered facts, on the order as it will be sent (callable with or without
    /// the gate held). `excluding` names working orders a close cancels first.
    func evaluateUnderGate(
        _ subject: SafetyGuards.Subject, excluding: Set<OrderID> = [], isClose: Bool = false
    ) async -> GuardReport {
        await evaluateUnderGate(subject, excluding: excluding, isClose: isClose, known: KnownFacts()).report
    }

    /// `evaluateUnderGate`, starting from facts this call already read, and answering the facts the guards saw
    /// (for the same call's placement to reuse).
    func evaluateUnderGate(
        _ subject: SafetyGuards.Subject, excluding: Set<OrderID>, isClose: Bool, known: KnownFacts
    ) async -> (report: GuardReport, facts: KnownFacts) {
        let sent = (try? await onGrid(subject)) ?? subject
        let context = await gatherContext(
            sent, modifying: nil, excluding: excluding, readsExposure: isClose || readsExposure(sent), now: clock(),
            known: known)
        return (guards.evaluate(sent, context: context), KnownFacts(positions: known.positions, quote: context.quote))
    }

    public func accountIdentity() async throws -> AccountIdentity { try await broker.accountIdentity() }

    /// The broker's account identity as the account binding reads it: a failure is a value, not a throw.
    public func accountIdentityResult() async -> Result<AccountIdentity, TradingError> {
        do {
            return .success(try await broker.accountIdentity())
        } catch {
            return .failure(Self.asTradingError(error))
        }
    }

    /// The account summary; one read in the last moments is reused (see `RecentReads`).
    public func accountSummary() async throws -> AccountSummary {
        if let recent = recentReads.summary(at: clock()) { return recent }
        let summary = try await broker.accountSummary()
        recentReads.remember(summary, at: clock())
        return summary
    }

    /// The positions as the broker reports them now.
    public func positions() async throws -> [Position] {
        let positions = try await broker.positions()
        let now = clock()
        recentReads.remember(positions, at: now)
        exposurePositions.remember(positions, at: now)
        return positions
    }

    /// The positions a decision on `symbol` uses (a sell's exposure check, what a close sells): a read from the
    /// last seconds while nothing seen since could have changed `symbol`'s position (see `ExposurePositions`),
    /// otherwise a fresh one. Read the working orders first (`listedOrders`), so a fill they show is seen.
    func positionsForDecision(on symbol: Symbol) async throws -> [Position] {
        let now = clock()
        let reused =
            weakening.reusesPositionsBlindly
            ? exposurePositions.positionsIgnoringChanges(at: now) : exposurePositions.positions(for: symbol, at: now)
        if let reused { return reused }
        return try await positions()
    }

    /// The positions for an agent to look at: a read from the last moments is reused (see `RecentReads`). Nothing
    /// that decides an order uses this.
    public func positionsToShow() async throws -> [Position] {
        if let recent = recentReads.positions(at: clock()) { return recent }
        return try await positions()
    }

    /// An order's status; a fill in it means the account changed, so recent account reads are forgotten.
    public func orderStatus(_ orderID: OrderID) async throws -> Order {
        let order = try await broker.orderStatus(orderID)
        forgetAccountIfFilled([order])
        exposurePositions.observe([order], complete: false)
        return order
    }

    /// The working orders; a fill among them means the account changed (see `orderStatus`).
    public func openOrders() async throws -> [Order] {
        let orders = try await listedOrders()
        forgetAccountIfFilled(orders)
        return orders
    }

    /// The broker's order listing, every read of which is checked for fills that change the positions a decision
    /// may reuse (see `ExposurePositions`).
    func listedOrders() async throws -> [Order] {
        let orders = try await broker.openOrders()
        exposurePositions.observe(orders, complete: true)
        return orders
    }

    /// Any fill in answers about orders means positions and balances moved: recent account reads are stale.
    private func forgetAccountIfFilled(_ orders: [Order]) {
        if orders.contains(where: { ($0.filledQuantity ?? 0) > 0 }) { recentReads.forgetAccount() }
    }

    public func executions(days: Int) async throws -> [Execution] { try await broker.executions(days: days) }

    /// A fresh quote from the gateway, remembered for the guards of an order placed moments later.
    public func quote(for symbol: Symbol) async throws -> Quote {
        let quote = try await marketData.quote(for: symbol)
        recentReads.remember(quote, at: clock())
        return quote
    }

    /// Fresh quotes from the gateway, remembered for the guards of orders placed moments later.
    public func quotes(for symbols: [Symbol]) async throws -> QuoteBatch {
        let batch = try await marketData.quotes(for: symbols)
        let now = clock()
        for quote in batch.quotes { recentReads.remember(quote, at: now) }
        return batch
    }

    public func sessionStatus() async throws -> SessionStatus { try await session.status() }

    public func keepAlive() async throws -> SessionStatus { try await session.keepAlive() }

    /// True when the market is in its regular session now.
    public func isMarketOpen() -> Bool { marketHours.isRegularSession(at: clock()) }

    /// The last `limit` journal lines (all when `limit` ≤ 0).
    public func tradeHistory(limit: Int) -> [JournalRecord] { journal.recent(limit: limit) }

    /// Orders whose outcome is unknown; while any exist, an identical order is refused.
    public func unresolvedOrders() -> [JournalGroup] { journal.unresolvedGroups() }

    /// What today's buys may still spend under `MAX_DAILY_VALUE` (nil when there is no daily cap; never negative).
    public func remainingDailyBudget() -> Decimal? {
        guard let limit = policy.maxDailyValue else { return nil }
        return max(0, limit - journal.spentToday(now: clock(), timeZone: policy.tradingDayTimeZone))
    }
}
