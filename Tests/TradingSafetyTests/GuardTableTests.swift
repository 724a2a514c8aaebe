import Foundation
import Testing
import TradingDomain

@testable import TradingSafety

/// Every guard as a table of (request, context, expected decision): at least one row per guard and per weak spot
/// of the reference (valet-reference §9) that this layer fixes.
@Suite("Guard decisions")
struct GuardTableTests {
    enum Expected: Equatable, Sendable {
        case allow
        case block(GuardName, TradingError.Code)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let subject: SafetyGuards.Subject
        let context: GuardContext
        let policy: SafetyPolicy
        let expected: Expected
        var testDescription: String { name }
    }

    /// A context with a paper DU123 login, an open market, AAPL at 50 (bid 49.9, ask 50.1), no position.
    static func context(
        identity: Result<AccountIdentity, TradingError>? = nil, open: Bool = true,
        quote: Quote?? = .none, held: Decimal? = 0, resting: [RestingOrder]? = [], spent: Decimal = 0,
        lastDispatchAgo: TimeInterval? = nil, unresolved: Bool = false, replaced: Decimal? = nil
    ) throws -> GuardContext {
        let defaultQuote = try Fixtures.quote(last: 50, bid: Decimal(string: "49.9"), ask: Decimal(string: "50.1"))
        return GuardContext(
            now: Fixtures.start, identity: try identity ?? .success(Fixtures.paperIdentity()), isRegularSession: open,
            quote: quote ?? defaultQuote, heldQuantity: held, restingOrders: resting, spentToday: spent,
            lastIdenticalDispatch: lastDispatchAgo.map { Fixtures.start.addingTimeInterval(-$0) },
            unresolvedIdentical: unresolved ? try Fixtures.clientOrderID("earlier-1") : nil,
            replacedNotional: replaced)
    }

    static func policy(_ change: (inout SafetyPolicy) throws -> Void = { _ in }) throws -> SafetyPolicy {
        var policy = try Fixtures.policy()
        try change(&policy)
        return policy
    }

    static func identity(_ account: String = "DU123", paper: Bool?) throws -> Result<AccountIdentity, TradingError> {
        .success(AccountIdentity(selectedAccount: try AccountID(account), isPaper: paper))
    }

    static func bracket(
        _ side: OrderSide, entry: OrderType = .market, takeProfit: Decimal, stopLoss: Decimal, quantity: Decimal = 1
    ) throws -> SafetyGuards.Subject {
        .bracket(
            try BracketRequest(
                symbol: Fixtures.symbol(), side: side, quantity: quantity, entry: entry, takeProfit: takeProfit,
                stopLoss: stopLoss))
    }

    /// A working SELL order on AAPL (in OCA group `oca` when given).
    static func restingSell(_ quantity: Decimal, _ kind: OrderType.Kind = .stop, id: Int = 12, oca: String? = nil)
        -> RestingOrder
    {
        RestingOrder(
            orderID: OrderID(id), clientOrderID: nil, side: .sell, quantity: quantity, typeKind: kind, ocaGroup: oca)
    }

    static func rows() throws -> [Row] {
        let buy1: SafetyGuards.Subject = .order(try Fixtures.buy(1))
        let gtcStopSell: SafetyGuards.Subject = .order(
            try Fixtures.sell(3, .stop(trigger: 45), tif: .goodTillCancelled))
        return [
            // Account binding.
            Row(
                name: "account: no configured account fails closed (weak spot 8)", subject: buy1,
                context: try context(), policy: try policy { $0.expectedAccount = nil },
                expected: .block(.account, .accountUnverified)),
            Row(
                name: "account: identity unreadable fails closed", subject: buy1,
                context: try context(identity: .failure(TradingError(.brokerUnavailable, "down"))),
                policy: try policy(), expected: .block(.account, .accountUnverified)),
            Row(
                name: "account: no selected account", subject: buy1,
                context: try context(identity: .success(AccountIdentity(selectedAccount: nil, isPaper: true))),
                policy: try policy(), expected: .block(.account, .accountUnverified)),
            Row(
                name: "account: logged into another account", subject: buy1,
                context: try context(identity: identity("DU999", paper: true)), policy: try policy(),
                expected: .block(.account, .accountMismatch)),
            Row(
                name: "account: unknown paper flag fails closed", subject: buy1,
                context: try context(identity: identity(paper: nil)), policy: try policy(),
                expected: .block(.account, .accountUnverified)),
            Row(
                name: "account: live without TRADING_ALLOW_LIVE", subject: buy1,
                context: try context(identity: identity(paper: false)), policy: try policy(),
                expected: .block(.account, .liveTradingBlocked)),
            Row(
                name: "account: live armed and configured live", subject: buy1,
                context: try context(identity: identity(paper: false)),
                policy: try policy {
                    $0.allowLive = true
                    $0.expectPaper = false
                }, expected: .allow),
            Row(
                name: "account: configured live but the login is paper", subject: buy1,
                context: try context(identity: identity(paper: true)),
                policy: try policy {
                    $0.allowLive = true
                    $0.expectPaper = false
                }, expected: .block(.account, .accountMismatch)),
            // Symbol lists.
            Row(
                name: "deny-list", subject: buy1, context: try context(),
                policy: try policy { $0.deniedSymbols = [try Symbol("AAPL")] },
                expected: .block(.denyList, .symbolDenied)),
            Row(
                name: "allow-list without the symbol", subject: buy1, context: try context(),
                policy: try policy { $0.allowedSymbols = [try Symbol("MSFT")] },
                expected: .block(.allowList, .symbolNotAllowed)),
            Row(
                name: "allow-list with the symbol", subject: buy1, context: try context(),
                policy: try policy { $0.allowedSymbols = [try Symbol("AAPL")] }, expected: .allow),
            // Short sale.
            Row(
                name: "short: sell more than held", subject: .order(try Fixtures.sell(5)),
                context: try context(held: 3), policy: try policy(), expected: .block(.shortSale, .wouldOpenShort)),
            Row(
                name: "short: sell what is held", subject: .order(try Fixtures.sell(3)),
                context: try context(held: 3), policy: try policy(), expected: .allow),
            Row(
                name: "short: holdings unreadable refuse a sell (fail closed)", subject: .order(try Fixtures.sell(5)),
                context: try context(held: nil), policy: try policy(), expected: .block(.shortSale, .exposureUnknown)),
            Row(
                name: "exposure: working orders unreadable refuse a sell (fail closed)",
                subject: .order(try Fixtures.sell(1)), context: try context(held: 5, resting: nil),
                policy: try policy(), expected: .block(.shortSale, .exposureUnknown)),
            Row(
                name: "exposure: unreadable holdings do not stop a sell when shorting is allowed",
                subject: .order(try Fixtures.sell(1)), context: try context(held: nil, resting: nil),
                policy: try policy { $0.allowShort = true }, expected: .allow),
            Row(
                name: "exposure: a second sell of the whole position while the first rests",
                subject: .order(try Fixtures.sell(5, .limit(60))),
                context: try context(held: 5, resting: [restingSell(5, .limit)]), policy: try policy(),
                expected: .block(.shortSale, .wouldOpenShort)),
            Row(
                name: "exposure: a market sell while a protective stop covers the shares",
                subject: .order(try Fixtures.sell(5)), context: try context(held: 5, resting: [restingSell(5)]),
                policy: try policy(), expected: .block(.shortSale, .wouldOpenShort)),
            Row(
                name: "exposure: a market sell while a trailing stop covers the shares",
                subject: .order(try Fixtures.sell(1)),
                context: try context(held: 5, resting: [restingSell(5, .trailing)]), policy: try policy(),
                expected: .block(.shortSale, .wouldOpenShort)),
            Row(
                name: "exposure: a sell that fits beside the resting sells",
                subject: .order(try Fixtures.sell(2)), context: try context(held: 5, resting: [restingSell(3)]),
                policy: try policy(), expected: .allow),
            Row(
                name: "exposure: OCA siblings count once, at the largest",
                subject: .order(try Fixtures.sell(5)),
                context: try context(
                    held: 10, resting: [restingSell(5, .limit, id: 12, oca: "b"), restingSell(5, id: 13, oca: "b")]),
                policy: try policy(), expected: .allow),
            Row(
                name: "exposure: orders outside an OCA group add up",
                subject: .order(try Fixtures.sell(5)),
                context: try context(held: 10, resting: [restingSell(5, .limit, id: 12), restingSell(5, id: 13)]),
                policy: try policy(), expected: .block(.shortSale, .wouldOpenShort)),
            Row(
                name: "exposure: resting BUY orders do not reduce what may be sold",
                subject: .order(try Fixtures.sell(5)),
                context: try context(
                    held: 5,
                    resting: [
                        RestingOrder(
                            orderID: OrderID(9), clientOrderID: nil, side: .buy, quantity: 5, typeKind: .limit,
                            ocaGroup: nil)
                    ]), policy: try policy(), expected: .allow),
            Row(
                name: "exposure: shorting allowed lets a sell cross zero",
                subject: .order(try Fixtures.sell(1)), context: try context(held: 5, resting: [restingSell(5)]),
                policy: try policy { $0.allowShort = true }, expected: .allow),
            Row(
                name: "short: allowed by TRADING_ALLOW_SHORT", subject: .order(try Fixtures.sell(2, .limit(45))),
                context: try context(held: 1), policy: try policy { $0.allowShort = true }, expected: .allow),
            Row(
                name: "short: a short sale is an entry, valued against MAX_ORDER_VALUE",
                subject: .order(try Fixtures.sell(5)),
                context: try context(held: 3), policy: try policy { $0.allowShort = true },
                expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "short: a short sale counts against the daily cap", subject: .order(try Fixtures.sell(1)),
                context: try context(held: 0, spent: 60),
                policy: try policy {
                    $0.allowShort = true
                    $0.maxDailyValue = 100
                }, expected: .block(.dailyCap, .dailyCapExceeded)),
            Row(
                name: "short: adding to a short", subject: .order(try Fixtures.sell(1)),
                context: try context(held: -2), policy: try policy(), expected: .block(.shortSale, .wouldOpenShort)),
            // Trading hours.
            Row(
                name: "hours: a buy outside the session", subject: buy1, context: try context(open: false),
                policy: try policy(), expected: .block(.tradingHours, .marketClosed)),
            Row(
                name: "hours: protective GTC stop on a long is allowed (weak spots 3, 4)", subject: gtcStopSell,
                context: try context(open: false, held: 3), policy: try policy(), expected: .allow),
            Row(
                name: "hours: protective trailing stop GTC is allowed",
                subject: .order(try Fixtures.sell(3, .trailing(.percent(5)), tif: .goodTillCancelled)),
                context: try context(open: false, held: 3), policy: try policy(), expected: .allow),
            Row(
                name: "hours: a DAY stop outside the session",
                subject: .order(try Fixtures.sell(3, .stop(trigger: 45))),
                context: try context(open: false, held: 3), policy: try policy(),
                expected: .block(.tradingHours, .marketClosed)),
            Row(
                name: "hours: a GTC limit sell is not protective",
                subject: .order(try Fixtures.sell(3, .limit(60), tif: .goodTillCancelled)),
                context: try context(open: false, held: 3), policy: try policy(),
                expected: .block(.tradingHours, .marketClosed)),
            Row(
                name: "hours: a GTC stop that is not an exit", subject: gtcStopSell,
                context: try context(open: false, held: 0), policy: try policy { $0.allowShort = true },
                expected: .block(.tradingHours, .marketClosed)),
            Row(
                name: "hours: a GTC stop beside another stop on the same shares is no exit",
                subject: gtcStopSell, context: try context(open: false, held: 3, resting: [restingSell(3)]),
                policy: try policy { $0.allowShort = true }, expected: .block(.tradingHours, .marketClosed)),
            Row(
                name: "hours: GTC buy stop covering a short",
                subject: .order(try Fixtures.buy(3, .stop(trigger: 55), tif: .goodTillCancelled)),
                context: try context(open: false, held: -3), policy: try policy(), expected: .allow),
            Row(
                name: "hours: a bracket outside the session",
                subject: try bracket(.buy, takeProfit: 60, stopLoss: 40), context: try context(open: false),
                policy: try policy(), expected: .block(.tradingHours, .marketClosed)),
            // Stop side.
            Row(
                name: "stop side: sell stop above the market",
                subject: .order(try Fixtures.sell(3, .stop(trigger: 55))),
                context: try context(held: 3), policy: try policy(), expected: .block(.stopSide, .stopOnWrongSide)),
            Row(
                name: "stop side: buy stop below the market", subject: .order(try Fixtures.buy(1, .stop(trigger: 45))),
                context: try context(), policy: try policy(), expected: .block(.stopSide, .stopOnWrongSide)),
            Row(
                name: "stop side: stop-limit trigger at the market",
                subject: .order(try Fixtures.sell(3, .stopLimit(trigger: 50, limit: 49))),
                context: try context(held: 3), policy: try policy(), expected: .block(.stopSide, .stopOnWrongSide)),
            Row(
                name: "stop side: sell stop below the market",
                subject: .order(try Fixtures.sell(3, .stop(trigger: 45))),
                context: try context(held: 3), policy: try policy(), expected: .allow),
            Row(
                name: "stop side: no quote does not trap a protective stop",
                subject: .order(try Fixtures.sell(3, .stop(trigger: 45))),
                context: try context(quote: .some(nil), held: 3), policy: try policy(), expected: .allow),
            // Bracket exits against the expected fill.
            Row(
                name: "bracket: BUY market with exits around the ask",
                subject: try bracket(.buy, takeProfit: 60, stopLoss: 40), context: try context(),
                policy: try policy(), expected: .allow),
            Row(
                name: "bracket: BUY limit whose stop-loss is above the expected fill",
                subject: try bracket(.buy, entry: .limit(50), takeProfit: 55, stopLoss: 48),
                context: try context(quote: .some(try Fixtures.quote(last: 47, ask: 47))), policy: try policy(),
                expected: .block(.bracketExits, .bracketExitInvalid)),
            Row(
                name: "bracket: BUY market whose take-profit is below the ask",
                subject: try bracket(.buy, takeProfit: 50, stopLoss: 40), context: try context(),
                policy: try policy(), expected: .block(.bracketExits, .bracketExitInvalid)),
            Row(
                name: "bracket: SELL market mirrored (shorting allowed)",
                subject: try bracket(.sell, takeProfit: 40, stopLoss: 60), context: try context(held: 1),
                policy: try policy { $0.allowShort = true }, expected: .allow),
            Row(
                name: "bracket: SELL whose stop-loss is below the bid",
                subject: try bracket(.sell, takeProfit: 40, stopLoss: 49), context: try context(held: 1),
                policy: try policy { $0.allowShort = true }, expected: .block(.bracketExits, .bracketExitInvalid)),
            Row(
                name: "bracket: a SELL bracket is a short entry, even while long",
                subject: try bracket(.sell, takeProfit: 40, stopLoss: 60), context: try context(held: 5),
                policy: try policy(), expected: .block(.shortSale, .wouldOpenShort)),
            Row(
                name: "bracket: a SELL bracket's BUY stop-loss is valued against MAX_ORDER_VALUE",
                subject: try bracket(.sell, takeProfit: 40, stopLoss: 60, quantity: 2), context: try context(),
                policy: try policy { $0.allowShort = true }, expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "bracket: a SELL bracket's BUY legs count against the daily cap",
                subject: try bracket(.sell, takeProfit: 40, stopLoss: 60), context: try context(spent: 50),
                policy: try policy {
                    $0.allowShort = true
                    $0.maxDailyValue = 100
                }, expected: .block(.dailyCap, .dailyCapExceeded)),
            Row(
                name: "bracket: a BUY bracket covering a short is still an entry (capped)",
                subject: try bracket(.buy, takeProfit: 60, stopLoss: 40, quantity: 3), context: try context(held: -3),
                policy: try policy { $0.allowShort = true }, expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "bracket: market entry without a price fails closed",
                subject: try bracket(.buy, takeProfit: 60, stopLoss: 40), context: try context(quote: .some(nil)),
                policy: try policy(), expected: .block(.bracketExits, .noUsablePrice)),
            // Per-order value cap.
            Row(
                name: "value: market buy valued at the ask", subject: .order(try Fixtures.buy(2)),
                context: try context(), policy: try policy(), expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "value: small market buy", subject: buy1, context: try context(), policy: try policy(),
                expected: .allow),
            Row(
                name: "value: cash above the cap", subject: .order(try Fixtures.buyCash(150)), context: try context(),
                policy: try policy(), expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "value: cash exactly at the cap", subject: .order(try Fixtures.buyCash(100)),
                context: try context(), policy: try policy(), expected: .allow),
            Row(
                name: "value: limit buy valued at its limit, not the last price (weak spot 5)",
                subject: .order(try Fixtures.buy(2, .limit(60))),
                context: try context(quote: .some(try Fixtures.quote(last: 40, ask: 40))), policy: try policy(),
                expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "value: limit below the market is valued at the limit (weak spot 5)",
                subject: .order(try Fixtures.buy(2, .limit(40))),
                context: try context(quote: .some(try Fixtures.quote(last: 60, ask: 60))), policy: try policy(),
                expected: .allow),
            Row(
                name: "value: limit buy needs no quote", subject: .order(try Fixtures.buy(2, .limit(40))),
                context: try context(quote: .some(nil)), policy: try policy(), expected: .allow),
            Row(
                name: "value: stop buy valued at its trigger when worse",
                subject: .order(try Fixtures.buy(2, .stop(trigger: 55))), context: try context(), policy: try policy(),
                expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "value: stop buy valued at the ask when the ask is worse",
                subject: .order(try Fixtures.buy(2, .stop(trigger: Decimal(string: "50.05")!))),
                context: try context(), policy: try policy(), expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "value: trailing buy valued at market plus the trail",
                subject: .order(try Fixtures.buy(Decimal(string: "1.9")!, .trailing(.percent(10)))),
                context: try context(), policy: try policy(), expected: .block(.orderValueCap, .orderValueCapExceeded)),
            Row(
                name: "value: no price fails closed", subject: buy1, context: try context(quote: .some(nil)),
                policy: try policy(), expected: .block(.orderValueCap, .noUsablePrice)),
            Row(
                name: "value: a large sell is never value-blocked", subject: .order(try Fixtures.sell(1000)),
                context: try context(held: 1000), policy: try policy(), expected: .allow),
            Row(
                name: "value: a buy covering a short is an exit", subject: .order(try Fixtures.buy(10)),
                context: try context(held: -10), policy: try policy(), expected: .allow),
            Row(
                name: "value: a buy beyond the short is capped", subject: .order(try Fixtures.buy(11)),
                context: try context(held: -10), policy: try policy(),
                expected: .block(.orderValueCap, .orderValueCapExceeded)),
            // Unresolved dispatch and duplicates.
            Row(
                name: "unresolved: identical order with an unknown outcome", subject: buy1,
                context: try context(unresolved: true), policy: try policy(),
                expected: .block(.unresolvedDispatch, .unresolvedDispatch)),
            Row(
                name: "unresolved: a modification is not a resend", subject: .modification(try Fixtures.buy(1)),
                context: try context(lastDispatchAgo: 1, unresolved: true), policy: try policy(), expected: .allow),
            Row(
                name: "duplicate: identical order 2s ago", subject: buy1, context: try context(lastDispatchAgo: 2),
                policy: try policy(), expected: .block(.duplicateWindow, .duplicateOrder)),
            Row(
                name: "duplicate: identical order 6s ago", subject: buy1, context: try context(lastDispatchAgo: 6),
                policy: try policy(), expected: .allow),
            Row(
                name: "duplicate: window 0 turns it off", subject: buy1, context: try context(lastDispatchAgo: 0),
                policy: try policy { $0.duplicateWindow = 0 }, expected: .allow),
            // Daily cap.
            Row(
                name: "daily: spent plus this order above the cap", subject: buy1, context: try context(spent: 60),
                policy: try policy { $0.maxDailyValue = 100 }, expected: .block(.dailyCap, .dailyCapExceeded)),
            Row(
                name: "daily: within the cap", subject: buy1, context: try context(spent: 40),
                policy: try policy { $0.maxDailyValue = 100 }, expected: .allow),
            Row(
                name: "daily: no cap configured", subject: buy1, context: try context(spent: 1000),
                policy: try policy(), expected: .allow),
            Row(
                name: "daily: a modification counts only its increase",
                subject: .modification(try Fixtures.buy(1, .limit(80))), context: try context(spent: 60, replaced: 50),
                policy: try policy { $0.maxDailyValue = 100 }, expected: .allow),
            Row(
                name: "daily: a modification of an unknown order counts in full",
                subject: .modification(try Fixtures.buy(1, .limit(80))), context: try context(spent: 60),
                policy: try policy { $0.maxDailyValue = 100 }, expected: .block(.dailyCap, .dailyCapExceeded)),
            Row(
                name: "daily: exits are never value-blocked", subject: .order(try Fixtures.sell(5)),
                context: try context(held: 5, spent: 500), policy: try policy { $0.maxDailyValue = 100 },
                expected: .allow),
        ]
    }

    @Test("each row's decision", arguments: try rows())
    func decision(row: Row) {
        let report = SafetyGuards(policy: row.policy).evaluate(row.subject, context: row.context)
        switch report.decision {
        case .allow:
            #expect(row.expected == .allow, "allowed, expected \(row.expected)")
        case .block(let name, let error):
            #expect(row.expected == .block(name, error.code), "blocked by \(name): \(error.message)")
            #expect(!error.message.isEmpty && error.hint != nil, "a refusal says what to do")
        }
    }

    @Test("skipped checks leave a note")
    func notes() throws {
        let guards = SafetyGuards(policy: try Fixtures.policy())
        let report = guards.evaluate(
            .order(try Fixtures.sell(3, .stop(trigger: 45))), context: try Self.context(quote: .some(nil), held: 3))
        #expect(report.decision == .allow)
        #expect(report.notes.contains { $0.contains("no market price") })
    }

    @Test("a refused over-commitment names the resting orders and the way out")
    func namesRestingOrders() throws {
        let guards = SafetyGuards(policy: try Fixtures.policy())
        let report = guards.evaluate(
            .order(try Fixtures.sell(5)),
            context: try Self.context(held: 5, resting: [Self.restingSell(5, .trailing, id: 31)]))
        guard case .block(_, let error) = report.decision else {
            Issue.record("the sell was allowed")
            return
        }
        #expect(error.message.contains("order 31 SELL 5 TRAIL"))
        #expect(error.hint?.contains("close_position") == true && error.hint?.contains("cancel") == true)
        #expect(!report.isExit)
    }

    @Test("a SELL bracket is valued by what its BUY legs may pay, the larger of the two exits")
    func sellBracketValue() throws {
        let guards = SafetyGuards(policy: try Self.policy { $0.allowShort = true })
        let report = guards.evaluate(
            try Self.bracket(.sell, takeProfit: 40, stopLoss: 60), context: try Self.context())
        // The stop-loss buys at its trigger (60, worse than the ask of 50.1); the take-profit at its limit (40).
        #expect(report.notional == 60)
    }

    @Test("a sell's value is estimated for the report (weak spot 9)")
    func sellNotional() throws {
        let guards = SafetyGuards(policy: try Fixtures.policy())
        let report = guards.evaluate(.order(try Fixtures.sell(2)), context: try Self.context(held: 2))
        #expect(report.notional == Decimal(string: "99.8"))
        #expect(report.isExit)
    }
}
