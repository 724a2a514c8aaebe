import Foundation
import Testing
import TradingDomain
import ValetTesting

@testable import TradingSafety

/// `GuardedBroker` end to end with a `RecordingBroker`: dry-run, intent before send, outcome classification,
/// unresolved blocking and reconciliation, serialization.
@Suite("GuardedBroker")
struct GuardedBrokerTests {
    struct Harness {
        let guarded: GuardedBroker
        let broker: RecordingBroker
        let journal: TradeJournal
        let clock: TestClock
        let market: FixedQuoteMarketData
    }

    static func harness(
        policy: SafetyPolicy? = nil, open: Bool = true, held: Decimal = 0, rules: (any InstrumentRules)? = nil
    ) throws -> Harness {
        let journal = try Fixtures.journal()
        let broker = RecordingBroker(identity: try Fixtures.paperIdentity(), journalURL: journal.url)
        if held != 0 { broker.setPositions([Position(symbol: try Fixtures.symbol(), quantity: held)]) }
        let clock = TestClock(start: Fixtures.start)
        let market = FixedQuoteMarketData([
            try Fixtures.quote(last: 50, bid: Decimal(string: "49.9"), ask: Decimal(string: "50.1"))
        ])
        let ids = try ClientOrderIDSequence(prefix: "test")
        let guarded = GuardedBroker(
            broker: broker, marketData: market, session: LoggedInSession(), marketHours: FixedMarketHours(open: open),
            policy: try policy ?? Fixtures.policy(), journal: journal, clock: clock.source,
            clientOrderIDs: { ids.next() }, instrumentRules: rules)
        return Harness(guarded: guarded, broker: broker, journal: journal, clock: clock, market: market)
    }

    static func code(_ body: () async throws -> Void) async -> TradingError.Code? {
        do {
            try await body()
            return nil
        } catch let error as TradingError {
            return error.code
        } catch {
            return .internalFailure
        }
    }

    @Test("dry run is the default: validates, sends nothing, reports what would be sent and its value")
    func dryRunByDefault() async throws {
        let policy = SafetyPolicy(expectedAccount: try Fixtures.account())
        #expect(policy.dryRun)
        let harness = try Self.harness(policy: policy, held: 2)
        let buy = try await harness.guarded.place(try Fixtures.buy(1, .limit(40)))
        #expect(buy.disposition == .dryRun)
        #expect(buy.notional == 40)
        #expect(buy.message.contains("NOT sent") && buy.message.contains("cost ~40.00"))
        // Weak spot 9: a dry-run sell reports its proceeds, not "None".
        let sell = try await harness.guarded.place(try Fixtures.sell(2))
        #expect(sell.message.contains("proceeds ~99.80"))
        #expect(harness.broker.placementCount == 0)
        #expect(harness.journal.records.map(\.outcome) == [.dryRun, .dryRun])
    }

    @Test("the intent is on disk before the broker is called; the outcome follows")
    func intentBeforeSend() async throws {
        let harness = try Self.harness()
        let result = try await harness.guarded.place(try Fixtures.buy(1))
        #expect(result.disposition == .sent)
        #expect(harness.broker.intentOnDisk == [true])
        let lines = harness.journal.records
        #expect(lines.map(\.kind) == [.intent, .outcome])
        #expect(Set(lines.map(\.clientOrderID)) == [result.clientOrderID])
        #expect(lines.last?.outcome == .sent && lines.last?.orderID == result.acks.first?.orderID)
        #expect(harness.broker.placed.first?.1 == result.clientOrderID)
    }

    @Test("a guard refusal is journaled with the guard's name and nothing is sent")
    func blockedIsJournaled() async throws {
        let harness = try Self.harness()
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.buyCash(500)) }
        #expect(code == .orderValueCapExceeded)
        #expect(harness.broker.placementCount == 0)
        let line = try #require(harness.journal.records.last)
        #expect(line.outcome == .blocked && line.guardName == .orderValueCap && line.errorCode == code)
    }

    @Test("a broker rejection is not a phantom: it frees the budget and allows a retry (weak spots 1, 2)")
    func rejectionIsNotPhantom() async throws {
        let harness = try Self.harness(policy: try Fixtures.policy(maxDailyValue: 100))
        harness.broker.script(.fail(TradingError(.brokerRejected, "Order rejected", brokerMessage: "Invalid price")))
        do {
            _ = try await harness.guarded.place(try Fixtures.buyCash(60))
            Issue.record("expected a rejection")
        } catch let error as TradingError {
            #expect(error.code == .brokerRejected)
            #expect(error.brokerMessage == "Invalid price")
        }
        #expect(harness.journal.records.last?.outcome == .rejected)
        #expect(harness.journal.records.last?.brokerMessage == "Invalid price")
        // Under a 100 cap, the rejected 60 does not count, and the identical retry is not blocked.
        #expect(await harness.guarded.remainingDailyBudget() == 100)
        let retry = try await harness.guarded.place(try Fixtures.buyCash(60))
        #expect(retry.disposition == .sent)
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.buyCash(50)) }
        #expect(code == .dailyCapExceeded)
    }

    @Test("a failure before sending is journaled as not sent")
    func notSent() async throws {
        let harness = try Self.harness()
        harness.broker.script(.fail(TradingError(.contractNotFound, "no contract")))
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        #expect(code == .contractNotFound)
        #expect(harness.journal.records.last?.outcome == .notSent)
        #expect(harness.journal.unresolvedGroups().isEmpty)
    }

    @Test("an unknown outcome blocks an identical resend until reconciled; other prices are other orders")
    func unknownOutcome() async throws {
        let harness = try Self.harness()
        harness.broker.script(.fail(TradingError(.outcomeUnknown, "HTTP 503 and the lookup failed")))
        let order = try Fixtures.buy(1, .limit(45))
        let first = await Self.code { _ = try await harness.guarded.place(order) }
        #expect(first == .outcomeUnknown)
        #expect(harness.journal.records.last?.outcome == .unknown)

        harness.clock.advance(by: 60)
        let resend = await Self.code { _ = try await harness.guarded.place(order) }
        #expect(resend == .unresolvedDispatch)
        // Weak spot 6: the identity includes the price, so a limit at another price is a different order.
        let other = try await harness.guarded.place(try Fixtures.buy(1, .limit(44)))
        #expect(other.disposition == .sent)

        let pending = try #require(harness.journal.unresolvedGroups().first)
        harness.broker.setOpenOrders([
            Order(orderID: OrderID(77), clientOrderID: pending.clientOrderID, status: .cancelled, filledQuantity: 0)
        ])
        let report = try await harness.guarded.reconcilePending(resolveMissing: false)
        #expect(report.unresolvedBefore == 1)
        #expect(report.resolved.map(\.status) == [.cancelled])
        #expect(harness.journal.unresolvedGroups().isEmpty)
        let again = try await harness.guarded.place(order)
        #expect(again.disposition == .sent)
    }

    @Test("an error of a foreign type counts as unknown")
    func foreignError() async throws {
        struct Boom: Error {}
        let (outcome, error) = GuardedBroker.classify(Boom())
        #expect(outcome == .unknown && error.code == .outcomeUnknown)
        #expect(GuardedBroker.classify(TradingError(.warningNotApproved, "o2137")).0 == .rejected)
        #expect(GuardedBroker.classify(TradingError(.brokerUnavailable, "refused")).0 == .notSent)
    }

    @Test("reconcile: missing orders stay unresolved unless the operator accepts them")
    func reconcileMissing() async throws {
        let harness = try Self.harness()
        harness.broker.script(.fail(TradingError(.outcomeUnknown, "timeout")))
        _ = await Self.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        let kept = try await harness.guarded.reconcilePending(resolveMissing: false)
        #expect(kept.stillUnresolved.count == 1 && kept.resolved.isEmpty)
        // Right after the order was sent IBKR's views may not show it yet: too soon to declare it gone.
        let early = try await harness.guarded.reconcilePending(resolveMissing: true)
        #expect(early.resolved.isEmpty && early.stillUnresolved.count == 1)
        let sent = harness.clock.now
        #expect(early.missingAcceptableFrom == sent.addingTimeInterval(GuardedBroker.missingSettleSeconds))
        harness.clock.advance(by: GuardedBroker.missingSettleSeconds - 1)
        #expect(try await harness.guarded.reconcilePending(resolveMissing: true).resolved.isEmpty)
        harness.clock.advance(by: 1)
        let accepted = try await harness.guarded.reconcilePending(resolveMissing: true)
        #expect(accepted.resolved.map(\.status) == [.unknown])
        #expect(accepted.missingAcceptableFrom == nil)
        #expect(await harness.guarded.unresolvedOrders().isEmpty)
        // Operator-accepted orders keep counting toward spend (fail safe).
        #expect(harness.journal.spentToday(now: harness.clock.now, timeZone: .utc) == Decimal(string: "50.1"))
    }

    @Test("the duplicate window blocks an identical order until it passes")
    func duplicateWindow() async throws {
        let harness = try Self.harness()
        _ = try await harness.guarded.place(try Fixtures.buy(1))
        harness.clock.advance(by: 2)
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        #expect(code == .duplicateOrder)
        harness.clock.advance(by: 4)
        #expect(try await harness.guarded.place(try Fixtures.buy(1)).disposition == .sent)
    }

    @Test("orders on one account are serialized: a second order starts only after the first is done")
    func serialized() async throws {
        let harness = try Self.harness(policy: try Fixtures.policy(maxDailyValue: 100))
        let guarded = harness.guarded
        let broker = harness.broker
        // Hold the first order inside its fact-gathering (its account read), then start a second one.
        broker.holdIdentityReads()
        let first = Task { await Self.code { _ = try await guarded.place(try Fixtures.buyCash(60)) } }
        while broker.heldReadCount == 0 { await Task.yield() }
        let second = Task {
            await Self.code { _ = try await guarded.place(try Fixtures.buyCash(Decimal(string: "60.01")!)) }
        }
        // The second either waits at the placement gate, or (unserialized) starts reading the broker.
        while await guarded.waitingPlacements() == 0 && broker.identityReads < 2 { await Task.yield() }
        #expect(broker.identityReads == 1, "the second order started while the first was in progress")
        broker.releaseHeldReads()
        let codes = [await first.value, await second.value]
        #expect(codes.filter { $0 == nil }.count == 1)
        #expect(codes.contains(.dailyCapExceeded))
        #expect(broker.placementCount == 1)
    }

    @Test("a journal that cannot be written stops the order before it is sent")
    func journalFailureStopsSend() async throws {
        let harness = try Self.harness()
        harness.journal.close()
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        #expect(code == .journalUnavailable)
        #expect(harness.broker.placementCount == 0)
    }

    @Test("a protective GTC stop goes out after hours; a buy does not")
    func afterHours() async throws {
        let harness = try Self.harness(open: false, held: 3)
        let stop = try await harness.guarded.place(try Fixtures.sell(3, .stop(trigger: 45), tif: .goodTillCancelled))
        #expect(stop.disposition == .sent && stop.isExit)
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.buy(1)) }
        #expect(code == .marketClosed)
    }

    @Test("a bracket sends three legs with GTC exits and journals the entry")
    func bracket() async throws {
        let harness = try Self.harness()
        let request = try BracketRequest(
            symbol: Fixtures.symbol(), side: .buy, quantity: 1, takeProfit: 60, stopLoss: 40)
        let result = try await harness.guarded.placeBracket(request)
        #expect(result.orders.count == 3)
        #expect(result.orders.dropFirst().allSatisfy { $0.timeInForce == .goodTillCancelled })
        #expect(result.acks.map(\.leg) == [.entry, .takeProfit, .stopLoss])
        let outcome = try #require(harness.journal.records.last)
        #expect(outcome.action == .bracket && outcome.order?.takeProfit == 60)
        #expect(outcome.orderID == result.acks.first?.orderID)
    }

    @Test("a modification counts only its increase toward the daily cap")
    func modification() async throws {
        let harness = try Self.harness(policy: try Fixtures.policy(maxDailyValue: 100))
        let placed = try await harness.guarded.place(try Fixtures.buy(1, .limit(50)))
        let orderID = try #require(placed.acks.first?.orderID)
        harness.broker.setOpenOrders([
            Order(orderID: orderID, symbol: try Fixtures.symbol(), side: .buy, typeKind: .limit, status: .submitted)
        ])
        let modified = try await harness.guarded.modify(orderID, to: try Fixtures.buy(1, .limit(90)))
        #expect(modified.disposition == .sent)
        #expect(harness.journal.records.last?.amends == placed.clientOrderID)
        #expect(await harness.guarded.remainingDailyBudget() == 10)
    }

    @Test("closing a position sells what is held, once")
    func closePosition() async throws {
        let harness = try Self.harness(held: 3)
        let symbol = try Fixtures.symbol()
        harness.broker.setOpenOrders([
            Order(orderID: OrderID(1), symbol: symbol, side: .sell, typeKind: .stop, status: .submitted),
            Order(orderID: OrderID(2), symbol: symbol, side: .buy, typeKind: .limit, status: .submitted),
            Order(orderID: OrderID(3), symbol: symbol, side: .sell, typeKind: .limit, status: .filled),
        ])
        guard case .placed(let result, let cancelled) = try await harness.guarded.closePosition(symbol) else {
            Issue.record("expected a placement")
            return
        }
        #expect(result.orders.first?.side == .sell && result.orders.first?.quantity == 3)
        // Weak spot 7: the resting protective stop is cancelled first so it cannot fire into a short later.
        #expect(cancelled == [OrderID(1)])
        #expect(harness.broker.cancelled == [OrderID(1)])
        harness.clock.advance(by: 10)
        // Positions still show the old size; a second close is refused (an error, never a quiet "not closed")
        // instead of opening a short.
        let code = await Self.code { _ = try await harness.guarded.closePosition(try Fixtures.symbol()) }
        #expect(code == .duplicateOrder)
        #expect(harness.broker.placementCount == 1)
    }

    @Test("a close with nothing resting reads the positions and the quote once, a close that cancels reads again")
    func closeReadsOnce() async throws {
        let harness = try Self.harness(held: 3)
        let symbol = try Fixtures.symbol()
        _ = try await harness.guarded.closePosition(symbol)
        // Sizing, the preflight and the placement share one read of each: every read is a paced gateway request.
        #expect(harness.broker.positionReads == 1)
        #expect(harness.market.quoteReads == 1)

        let cancelling = try Self.harness(held: 3)
        cancelling.broker.setOpenOrders([
            Order(orderID: OrderID(1), symbol: symbol, side: .sell, typeKind: .stop, status: .submitted)
        ])
        _ = try await cancelling.guarded.closePosition(symbol)
        // The cancel changed the account, so the placement's guards read it afresh; a quote is reused for a
        // moment whatever happens to the account (orders do not move the market).
        #expect(cancelling.broker.positionReads == 2)
        #expect(cancelling.market.quoteReads == 1)
    }

    @Test("a close sells only the position a person approved: a changed position is refused, nothing sent")
    func closeBoundToApprovedPosition() async throws {
        let harness = try Self.harness(held: 40)
        let code = await Self.code {
            _ = try await harness.guarded.closePosition(try Fixtures.symbol(), approvedHeld: 25)
        }
        #expect(code == .positionChanged)
        #expect(harness.broker.placementCount == 0)
        guard
            case .placed(let result, _) = try await harness.guarded.closePosition(
                try Fixtures.symbol(), approvedHeld: 40)
        else {
            Issue.record("expected the approved close to be placed")
            return
        }
        #expect(result.orders.first?.quantity == 40)
    }

    @Test("what an agent reads of the account is reused for two seconds, and forgotten when an order is sent")
    func displayReadsReused() async throws {
        let harness = try Self.harness(held: 3)
        _ = try await harness.guarded.positionsToShow()
        _ = try await harness.guarded.positionsToShow()
        #expect(harness.broker.positionReads == 1)
        harness.clock.advance(by: 3)
        _ = try await harness.guarded.positionsToShow()
        #expect(harness.broker.positionReads == 2)
        _ = try await harness.guarded.place(try Fixtures.buy(1, .limit(50)))
        _ = try await harness.guarded.positionsToShow()
        #expect(harness.broker.positionReads == 3)
        // Decisions never use the reused answer.
        _ = try await harness.guarded.positions()
        #expect(harness.broker.positionReads == 4)
        // A fill seen in the working orders means the positions moved: the next look reads them again.
        harness.broker.setOpenOrders([
            Order(
                orderID: OrderID(9), symbol: try Fixtures.symbol(), side: .sell, typeKind: .limit, status: .submitted,
                filledQuantity: 1)
        ])
        _ = try await harness.guarded.openOrders()
        _ = try await harness.guarded.positionsToShow()
        #expect(harness.broker.positionReads == 5)
    }

    @Test("a refused close leaves the resting protection alone")
    func refusedCloseKeepsProtection() async throws {
        let harness = try Self.harness(open: false, held: 3)
        let symbol = try Fixtures.symbol()
        harness.broker.setOpenOrders([
            Order(orderID: OrderID(1), symbol: symbol, side: .sell, typeKind: .stop, status: .submitted)
        ])
        let code = await Self.code { _ = try await harness.guarded.closePosition(symbol) }
        #expect(code == .marketClosed)
        #expect(harness.broker.cancelled.isEmpty)
        #expect(harness.broker.placementCount == 0)
    }

    @Test("a mismatched login reads nothing else and sends nothing")
    func mismatchedLogin() async throws {
        let harness = try Self.harness()
        harness.broker.setIdentity(.success(try Fixtures.paperIdentity("DU999")))
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.sell(1)) }
        #expect(code == .accountMismatch)
        #expect(harness.broker.placementCount == 0)
    }
}
