import Foundation
import Testing
import TradingDomain

@testable import TradingSafety

/// The account-level rules of issue 11 through a real `GuardedBroker`: the exposure rule (position, working
/// orders, unresolved dispatches), fail-closed reads, orders on the contract's grid before the guards, cancels,
/// modifications that keep their side and symbol, and `closePosition` next to its own protective orders.
@Suite("Exposure and account-level guards")
struct ExposureTests {
    typealias Harness = GuardedBrokerTests.Harness

    static func harness(
        policy: SafetyPolicy? = nil, held: Decimal = 0, rules: (any InstrumentRules)? = nil
    ) throws -> Harness {
        try GuardedBrokerTests.harness(policy: policy, held: held, rules: rules)
    }

    static func code(_ body: () async throws -> Void) async -> TradingError.Code? {
        await GuardedBrokerTests.code(body)
    }

    static func working(
        _ id: Int, _ side: OrderSide, _ quantity: Decimal, _ kind: OrderType.Kind = .stop, clientOrderID: String? = nil
    ) throws -> Order {
        Order(
            orderID: OrderID(id), clientOrderID: try clientOrderID.map { try ClientOrderID($0) },
            symbol: try Fixtures.symbol(), side: side, typeKind: kind, status: .submitted, quantity: quantity,
            remainingQuantity: quantity)
    }

    @Test("a buy reads neither the positions nor the working orders (it is always an entry)")
    func buyReadsNoExposure() async throws {
        let harness = try Self.harness(held: 5)
        _ = try await harness.guarded.place(try Fixtures.buy(1, .limit(40)))
        _ = try await harness.guarded.place(try Fixtures.buyCash(50))
        #expect(harness.broker.positionReads == 0)
        #expect(harness.broker.openOrderReads == 0)
        // A sell reads both.
        _ = try await harness.guarded.place(try Fixtures.sell(1))
        #expect(harness.broker.positionReads == 1 && harness.broker.openOrderReads == 1)
    }

    @Test("sells reuse the positions read seconds ago; a fill the broker lists makes the next one read again")
    func positionsReusedUntilAFillIsSeen() async throws {
        let harness = try Self.harness(held: 3)
        _ = try await harness.guarded.place(try Fixtures.sell(1, .stop(trigger: 40)))
        // The broker lists the stop (order 1001) as working; the trailing protection reuses the read.
        harness.broker.setOpenOrders([try Self.working(1001, .sell, 1)])
        _ = try await harness.guarded.place(try Fixtures.sell(1, .stop(trigger: 41)))
        #expect(harness.broker.positionReads == 1)

        // The first stop fills: one share left, and the listing shows the fill.
        harness.broker.setPositions([Position(symbol: try Fixtures.symbol(), quantity: 2)])
        var filled = try Self.working(1001, .sell, 1)
        filled.status = .filled
        filled.filledQuantity = 1
        filled.remainingQuantity = 0
        harness.broker.setOpenOrders([filled, try Self.working(1002, .sell, 1)])
        // Held 2 with 1 still working: a sell of 2 would go short. On the reused read (3 held) it would pass.
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.sell(2, .limit(60))) }
        #expect(code == .wouldOpenShort)
        #expect(harness.broker.positionReads == 2)
    }

    @Test("a buy, a cancel or a few seconds make the next sell read the positions again; nothing else does")
    func ownChangesForgetThePositions() async throws {
        let harness = try Self.harness(held: 10)
        // The broker lists every order sent so far (the recording broker does not list placements by itself).
        var listed: [Order] = []
        func sent(_ id: Int, _ side: OrderSide) throws {
            listed.append(try Self.working(id, side, 1, .limit))
            harness.broker.setOpenOrders(listed)
        }
        _ = try await harness.guarded.place(try Fixtures.sell(1, .limit(60)))
        try sent(1001, .sell)
        #expect(harness.broker.positionReads == 1)
        _ = try await harness.guarded.place(try Fixtures.sell(1, .limit(61)))
        try sent(1002, .sell)
        #expect(harness.broker.positionReads == 1)

        _ = try await harness.guarded.place(try Fixtures.buy(1, .limit(40)))
        try sent(1003, .buy)
        _ = try await harness.guarded.place(try Fixtures.sell(1, .limit(62)))
        try sent(1004, .sell)
        #expect(harness.broker.positionReads == 2)

        _ = try await harness.guarded.cancel(OrderID(1001))
        _ = try await harness.guarded.place(try Fixtures.sell(1, .limit(63)))
        try sent(1005, .sell)
        #expect(harness.broker.positionReads == 3)

        harness.clock.advance(by: 6)
        _ = try await harness.guarded.place(try Fixtures.sell(1, .limit(64)))
        #expect(harness.broker.positionReads == 4)
    }

    @Test("a sell that would over-commit the position with a resting stop is refused, naming it; nothing is sent")
    func overCommitRefused() async throws {
        let harness = try Self.harness(held: 5)
        harness.broker.setOpenOrders([try Self.working(12, .sell, 5)])
        await #expect(throws: TradingError.self) { _ = try await harness.guarded.place(try Fixtures.sell(5)) }
        do {
            _ = try await harness.guarded.place(try Fixtures.sell(1, .limit(60)))
            Issue.record("the sell went out")
        } catch let error as TradingError {
            #expect(error.code == .wouldOpenShort)
            #expect(error.message.contains("order 12 SELL 5 STP"))
        }
        #expect(harness.broker.placementCount == 0)
        #expect(harness.journal.records.allSatisfy { $0.outcome == .blocked && $0.guardName == .shortSale })
    }

    @Test("an order placed elsewhere and a dispatch with an unknown outcome both count against the position")
    func outsideAndUnresolvedCount() async throws {
        let harness = try Self.harness(held: 10)
        // An order from TWS: no client order id Valet knows.
        harness.broker.setOpenOrders([try Self.working(40, .sell, 4, .limit)])
        harness.broker.script(.fail(TradingError(.outcomeUnknown, "the answer was lost")))
        // 4 resting + 5 = 9 of 10: allowed, but its outcome is lost.
        let lost = await Self.code { _ = try await harness.guarded.place(try Fixtures.sell(5)) }
        #expect(lost == .outcomeUnknown)
        // 4 resting + 5 unresolved + 2 = 11 > 10.
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.sell(2, .limit(70))) }
        #expect(code == .wouldOpenShort)
        // 4 + 5 + 1 = 10 fits.
        let fits = try await harness.guarded.place(try Fixtures.sell(1, .limit(70)))
        #expect(fits.isExit)
    }

    @Test("the take-profit and stop-loss of a Valet bracket count once against the position")
    func bracketSiblingsCountOnce() async throws {
        let harness = try Self.harness(held: 10)
        harness.broker.setOpenOrders([
            try Self.working(21, .sell, 5, .limit, clientOrderID: "v-7-tp"),
            try Self.working(22, .sell, 5, .stop, clientOrderID: "v-7-sl"),
        ])
        // 5 (one of the two siblings) + 6 > 10.
        let code = await Self.code { _ = try await harness.guarded.place(try Fixtures.sell(6, .limit(70))) }
        #expect(code == .wouldOpenShort)
        // 5 + 5 fits; counted separately the siblings would have refused it.
        let sell = try await harness.guarded.place(try Fixtures.sell(5))
        #expect(sell.isExit)
    }

    @Test("unreadable positions or working orders refuse a sell with a retry hint (fail closed)")
    func failClosed() async throws {
        let harness = try Self.harness(held: 5)
        harness.broker.failReads(TradingError(.brokerUnavailable, "gateway down"))
        do {
            _ = try await harness.guarded.place(try Fixtures.sell(1, .stop(trigger: 45), tif: .goodTillCancelled))
            Issue.record("the sell went out")
        } catch let error as TradingError {
            #expect(error.code == .exposureUnknown)
            #expect(error.hint?.contains("retry") == true)
        }
        #expect(harness.broker.placementCount == 0)
        // A buy does not need them.
        let buy = try await harness.guarded.place(try Fixtures.buy(1, .limit(40)))
        #expect(buy.disposition == .sent)
    }

    @Test("limits of 150.001 and 150.002 are the LMT 150 that is sent: journaled so, caught by the duplicate window")
    func roundedBeforeGuards() async throws {
        let rules = FixedInstrumentRules(OrderGrid(priceTick: Decimal(string: "0.01")!, quantityDecimals: 4))
        let harness = try Self.harness(policy: try Fixtures.policy(maxOrderValue: 1000), rules: rules)
        let first = try await harness.guarded.place(try Fixtures.buy(1, .limit(150)))
        #expect(first.disposition == .sent)
        #expect(rules.reads == 0, "an order on the cent grid needs no rules")
        for price in ["150.001", "150.002"] {
            let code = await Self.code {
                _ = try await harness.guarded.place(try Fixtures.buy(1, .limit(Decimal(string: price)!)))
            }
            #expect(code == .duplicateOrder, "\(price)")
        }
        #expect(rules.reads == 2)
        #expect(harness.broker.placementCount == 1)
        let blocked = try #require(harness.journal.records.last)
        #expect(blocked.order?.limitPrice == 150)
        // A sell limit rounds up (never sells for less), its quantity down to the allowed decimals.
        harness.broker.setPositions([Position(symbol: try Fixtures.symbol(), quantity: 2)])
        let sell = try await harness.guarded.place(
            try Fixtures.sell(Decimal(string: "1.23456")!, .limit(Decimal(string: "150.001")!)))
        #expect(sell.orders.first?.type == .limit(Decimal(string: "150.01")!))
        #expect(sell.orders.first?.quantity == Decimal(string: "1.2345"))
        #expect(harness.broker.placed.last?.0.quantity == Decimal(string: "1.2345"))
        #expect(harness.journal.records.last?.order?.limitPrice == Decimal(string: "150.01"))
    }

    @Test("cancel takes one known order id: -1, negatives and unlisted ids are refused before anything is sent")
    func cancelValidates() async throws {
        let harness = try Self.harness()
        harness.broker.setOpenOrders([try Self.working(12, .sell, 5)])
        for id in ["-1", "-12", "0", "12a", "", "１２"] {
            let code = await Self.code { _ = try await harness.guarded.cancel(OrderID(id)) }
            #expect(code == .invalidRequest, "\(id)")
        }
        let unknown = await Self.code { _ = try await harness.guarded.cancel(OrderID(99)) }
        #expect(unknown == .orderNotFound)
        #expect(harness.broker.cancelled.isEmpty)
    }

    @Test("cancels are journaled (intent, outcome) and never count as spending or as a duplicate")
    func cancelJournaled() async throws {
        let harness = try Self.harness(policy: try Fixtures.policy(maxDailyValue: 100))
        harness.broker.setOpenOrders([try Self.working(12, .buy, 1, .limit)])
        let result = try await harness.guarded.cancel(OrderID(12))
        #expect(result.disposition == .sent)
        #expect(harness.broker.cancelled == [OrderID(12)])
        let lines = harness.journal.records.filter { $0.clientOrderID == result.clientOrderID }
        #expect(lines.map(\.kind) == [.intent, .outcome])
        #expect(lines.allSatisfy { $0.action == .cancel && $0.orderID == OrderID(12) })
        #expect(await harness.guarded.remainingDailyBudget() == 100)
    }

    @Test("in dry-run nothing is sent, cancels included: cancel_all lists what it would cancel")
    func dryRunCancelsNothing() async throws {
        let harness = try Self.harness(policy: try Fixtures.policy(dryRun: true))
        harness.broker.setOpenOrders([
            try Self.working(12, .sell, 5), try Self.working(13, .buy, 1, .limit),
            Order(orderID: OrderID(14), symbol: try Fixtures.symbol(), side: .sell, status: .filled),
        ])
        let all = try await harness.guarded.cancelAll()
        #expect(all.map(\.order.orderID) == [OrderID(12), OrderID(13)])
        #expect(all.allSatisfy { $0.disposition == .dryRun && $0.ack == nil })
        let one = try await harness.guarded.cancel(OrderID(12))
        #expect(one.disposition == .dryRun)
        #expect(harness.broker.cancelled.isEmpty)
        #expect(harness.journal.records.allSatisfy { $0.action == .cancel && $0.outcome == .dryRun })
    }

    @Test("live cancel_all cancels every working order, one journaled cancel each")
    func cancelAllLive() async throws {
        let harness = try Self.harness()
        harness.broker.setOpenOrders([try Self.working(12, .sell, 5), try Self.working(13, .buy, 1, .limit)])
        let all = try await harness.guarded.cancelAll()
        #expect(all.count == 2 && all.allSatisfy { $0.disposition == .sent })
        #expect(harness.broker.cancelled == [OrderID(12), OrderID(13)])
        #expect(harness.journal.records.filter { $0.kind == .intent }.count == 2)
    }

    @Test("a modification may not change side or symbol; it is refused before anything is sent")
    func modifyKeepsSideAndSymbol() async throws {
        let harness = try Self.harness(held: 5)
        harness.broker.setOpenOrders([try Self.working(12, .buy, 1, .limit)])
        let side = await Self.code { _ = try await harness.guarded.modify(OrderID(12), to: try Fixtures.sell(1)) }
        #expect(side == .invalidRequest)
        let symbol = await Self.code {
            _ = try await harness.guarded.modify(OrderID(12), to: try Fixtures.buy(1, .limit(40), symbol: "MSFT"))
        }
        #expect(symbol == .invalidRequest)
        let gone = await Self.code { _ = try await harness.guarded.modify(OrderID(99), to: try Fixtures.buy(1)) }
        #expect(gone == .orderNotFound)
        #expect(harness.broker.placementCount == 0)
    }

    @Test("a modified SELL goes through the exposure rule, not counting itself")
    func modifiedSellExposure() async throws {
        let harness = try Self.harness(held: 5)
        harness.broker.setOpenOrders([try Self.working(12, .sell, 5, .limit)])
        let moved = try await harness.guarded.modify(OrderID(12), to: try Fixtures.sell(5, .limit(61)))
        #expect(moved.disposition == .sent)
        harness.broker.setOpenOrders([try Self.working(12, .sell, 5, .limit), try Self.working(13, .sell, 2)])
        let code = await Self.code {
            _ = try await harness.guarded.modify(OrderID(12), to: try Fixtures.sell(5, .limit(62)))
        }
        #expect(code == .wouldOpenShort)
    }

    @Test("close_position right after a protective stop closes (its own stop does not hold it back)")
    func closeAfterProtectiveStop() async throws {
        let harness = try Self.harness(held: 3)
        let stop = try await harness.guarded.place(try Fixtures.sell(3, .stop(trigger: 45), tif: .goodTillCancelled))
        let stopID = try #require(stop.acks.first?.orderID)
        harness.broker.setOpenOrders([
            Order(
                orderID: stopID, symbol: try Fixtures.symbol(), side: .sell, typeKind: .stop, status: .submitted,
                quantity: 3, remainingQuantity: 3)
        ])
        harness.clock.advance(by: 2)
        guard case .placed(let result, let cancelled) = try await harness.guarded.closePosition(try Fixtures.symbol())
        else {
            Issue.record("the close was held back")
            return
        }
        #expect(result.disposition == .sent && result.orders.first?.quantity == 3)
        #expect(cancelled == [stopID])
        #expect(harness.journal.records.last?.action == .close)
        #expect(harness.journal.records.contains { $0.action == .cancel && $0.orderID == stopID })
    }

    @Test("with shorting allowed a short sale is an entry: journaled as one and counted against the daily cap")
    func shortSaleIsAnEntry() async throws {
        var policy = try Fixtures.policy(maxDailyValue: 100)
        policy.allowShort = true
        let harness = try Self.harness(policy: policy, held: 1)
        // Selling 1 of the 1 held is an exit: not counted.
        let exit = try await harness.guarded.place(try Fixtures.sell(1))
        #expect(exit.isExit && harness.journal.records.last?.shortEntry == nil)
        #expect(await harness.guarded.remainingDailyBudget() == 100)
        // Once that sell has filled, another opens a short: an entry, worth 1 x 49.9.
        harness.broker.setPositions([])
        let short = try await harness.guarded.place(try Fixtures.sell(1, .limit(Decimal(string: "49.9")!)))
        #expect(!short.isExit && harness.journal.records.last?.shortEntry == true)
        #expect(await harness.guarded.remainingDailyBudget() == Decimal(string: "50.1"))
    }

    @Test("a SELL bracket is refused without shorting; with it, its BUY legs count against the daily cap")
    func sellBracket() async throws {
        let bracket = try BracketRequest(
            symbol: try Fixtures.symbol(), side: .sell, quantity: 1, takeProfit: 40, stopLoss: 60)
        let refused = try Self.harness(held: 5)
        let code = await Self.code { _ = try await refused.guarded.placeBracket(bracket) }
        #expect(code == .wouldOpenShort)
        #expect(refused.broker.placementCount == 0)

        var policy = try Fixtures.policy(maxDailyValue: 100)
        policy.allowShort = true
        let allowed = try Self.harness(policy: policy)
        let result = try await allowed.guarded.placeBracket(bracket)
        #expect(result.notional == 60)
        #expect(result.message.contains("cost ~60.00"))
        #expect(await allowed.guarded.remainingDailyBudget() == 40)
    }
}
