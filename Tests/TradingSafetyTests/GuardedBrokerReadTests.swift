import Foundation
import Testing
import TradingDomain
import ValetTesting

@testable import TradingSafety

@Suite("GuardedBroker reads and helpers")
struct GuardedBrokerReadTests {
    @Test("evaluate and preview report the guards' verdict without journaling or sending")
    func readOnlyEvaluation() async throws {
        let harness = try GuardedBrokerTests.harness()
        let report = await harness.guarded.evaluate(.order(try Fixtures.buyCash(500)))
        #expect(report.decision.blockingGuard == .orderValueCap)
        let preview = try await harness.guarded.preview(try Fixtures.buy(1))
        #expect(preview.guardReport.decision == .allow)
        #expect(preview.preview.commission == 1)
        #expect(harness.journal.records.isEmpty)
        #expect(harness.broker.placementCount == 0)
    }

    @Test("reconcile finds a filled order among the fills when it left the order list")
    func reconcileFromFills() async throws {
        let harness = try GuardedBrokerTests.harness()
        harness.broker.script(.fail(TradingError(.outcomeUnknown, "timeout")))
        _ = await GuardedBrokerTests.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        let pending = try #require(harness.journal.unresolvedGroups().first)
        let fill = Execution(
            executionID: "e1", symbol: try Fixtures.symbol(), side: .buy, quantity: 1, price: 50,
            time: Fixtures.start, orderID: OrderID(5), clientOrderID: pending.clientOrderID)
        harness.broker.state.withLock { $0.executions = [fill] }
        let report = try await harness.guarded.reconcilePending(resolveMissing: false)
        #expect(report.resolved.map(\.status) == [.filled])
        #expect(report.resolved.first?.filledQuantity == 1)
        #expect(harness.journal.records.last?.kind == .resolution)
    }

    @Test("reconcile reports a failed order read and resolves nothing")
    func reconcileReadFailure() async throws {
        let harness = try GuardedBrokerTests.harness()
        harness.broker.script(.fail(TradingError(.outcomeUnknown, "timeout")))
        _ = await GuardedBrokerTests.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        let failing = FailingOrdersBroker(inner: harness.broker)
        let ids = try ClientOrderIDSequence(prefix: "other")
        let guarded = GuardedBroker(
            broker: failing, marketData: harness.market, session: LoggedInSession(),
            marketHours: FixedMarketHours(open: true), policy: try Fixtures.policy(), journal: harness.journal,
            clock: harness.clock.source, clientOrderIDs: { ids.next() })
        let report = try await guarded.reconcilePending(resolveMissing: true)
        #expect(report.error?.code == .brokerUnavailable)
        #expect(report.stillUnresolved.count == 1 && report.resolved.isEmpty)
    }

    @Test("remaining budget is nil without a daily cap and never negative")
    func remainingBudget() async throws {
        let uncapped = try GuardedBrokerTests.harness()
        #expect(await uncapped.guarded.remainingDailyBudget() == nil)
        let capped = try GuardedBrokerTests.harness(policy: try Fixtures.policy(maxDailyValue: 100))
        _ = try await capped.guarded.place(try Fixtures.buyCash(100))
        #expect(await capped.guarded.remainingDailyBudget() == 0)
        #expect(await capped.guarded.tradeHistory(limit: 1).map(\.kind) == [.outcome])
        #expect(await capped.guarded.tradeHistory(limit: 0).count == 2)
    }

    @Test("client order ids count up under a validated prefix")
    func sequence() throws {
        let ids = try ClientOrderIDSequence(prefix: "run7")
        #expect([ids.next(), ids.next()].map(\.value) == ["run7-1", "run7-2"])
        #expect(throws: TradingError.self) { try ClientOrderIDSequence(prefix: "bad prefix") }
    }
}

/// Forwards to a `RecordingBroker` but fails every open-orders read with `brokerUnavailable`.
struct FailingOrdersBroker: Broker {
    let inner: RecordingBroker

    func accountIdentity() async throws -> AccountIdentity { try await inner.accountIdentity() }
    func place(_ order: OrderRequest, clientOrderID: ClientOrderID) async throws -> OrderAck {
        try await inner.place(order, clientOrderID: clientOrderID)
    }
    func placeBracket(_ bracket: BracketRequest, clientOrderID: ClientOrderID) async throws -> [OrderAck] {
        try await inner.placeBracket(bracket, clientOrderID: clientOrderID)
    }
    func preview(_ order: OrderRequest) async throws -> Preview { try await inner.preview(order) }
    func modify(_ orderID: OrderID, to order: OrderRequest) async throws -> OrderAck {
        try await inner.modify(orderID, to: order)
    }
    func cancel(_ orderID: OrderID) async throws -> OrderAck { try await inner.cancel(orderID) }
    func orderStatus(_ orderID: OrderID) async throws -> Order { try await inner.orderStatus(orderID) }
    func openOrders() async throws -> [Order] { throw TradingError(.brokerUnavailable, "gateway down") }
    func executions(days: Int) async throws -> [Execution] { try await inner.executions(days: days) }
    func positions() async throws -> [Position] { try await inner.positions() }
    func accountSummary() async throws -> AccountSummary { try await inner.accountSummary() }
}

@Suite("Trading posture")
struct TradingPostureTests {
    @Test("unresolved orders and a competing session are trade stops")
    func stops() async throws {
        let harness = try GuardedBrokerTests.harness()
        let clean = await harness.guarded.posture(session: SessionStatus(authenticated: true, connected: true))
        #expect(clean.safeToTrade && !clean.dryRun && clean.remainingDailyBudget == nil)
        harness.broker.script(.fail(TradingError(.outcomeUnknown, "timeout")))
        _ = await GuardedBrokerTests.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        let posture = await harness.guarded.posture(
            session: SessionStatus(authenticated: true, connected: true, competing: true))
        #expect(posture.tradeStops.count == 2)
        #expect(posture.unresolvedOrders.map(\.quantity) == [1])
        #expect(!posture.safeToTrade)
        #expect(await harness.guarded.posture(session: nil).tradeStops.count == 2)
    }

    @Test("an account the guards refuse is a trade stop, with the guards' own reason; the configured one verifies")
    func accountBinding() async throws {
        let harness = try GuardedBrokerTests.harness()
        let session = SessionStatus(authenticated: true, connected: true)
        let matching = await harness.guarded.posture(session: session, identity: .success(try Fixtures.paperIdentity()))
        #expect(matching.accountVerified && matching.safeToTrade)

        let unread = await harness.guarded.posture(session: session)
        #expect(!unread.accountVerified && unread.safeToTrade)

        let other = AccountIdentity(selectedAccount: try AccountID("DU7654321"), isPaper: true)
        let mismatch = await harness.guarded.posture(session: session, identity: .success(other))
        #expect(!mismatch.accountVerified && !mismatch.safeToTrade)
        #expect(mismatch.tradeStops.count == 1)
        #expect(mismatch.tradeStops.first?.contains("DU7654321") == true)

        let live = AccountIdentity(selectedAccount: try Fixtures.paperIdentity().selectedAccount, isPaper: false)
        let liveStops = await harness.guarded.posture(session: session, identity: .success(live)).tradeStops
        #expect(liveStops.first?.contains("TRADING_ALLOW_LIVE") == true)

        let failed = await harness.guarded.posture(
            session: session, identity: .failure(TradingError(.brokerUnavailable, "portfolio/accounts timed out")))
        #expect(failed.tradeStops.first?.contains("portfolio/accounts timed out") == true)
    }

    @Test("live trading without a daily cap is flagged")
    func liveWithoutDailyCap() async throws {
        var policy = try Fixtures.policy()
        policy.allowLive = true
        let harness = try GuardedBrokerTests.harness(policy: policy)
        let posture = await harness.guarded.posture(session: SessionStatus(authenticated: true, connected: true))
        #expect(posture.warnings.count == 1)
    }
}
