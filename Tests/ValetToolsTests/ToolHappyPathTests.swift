import Foundation
import MCPKit
import Testing
import TradingDomain
import TradingSafety

@testable import ValetTools

/// Every tool's happy path through a real `GuardedBroker`, each result checked against the tool's output schema.
@Suite("Tools: happy paths")
struct ToolHappyPathTests {
    static func script() throws -> ScriptedBroker.Script {
        var script = ScriptedBroker.Script()
        let aapl = try Symbol("AAPL")
        script.positions = [
            Position(
                symbol: aapl, contractID: ContractID(265_598), quantity: 25, averageCost: 150, marketPrice: 200,
                marketValue: 5000, unrealizedPnL: 1250)
        ]
        script.openOrders = [
            Order(
                orderID: OrderID("77"), symbol: aapl, side: .sell, typeKind: .stop, status: .submitted,
                quantity: 10, stopPrice: 180, timeInForce: .goodTillCancelled)
        ]
        script.statuses = [.submitted, .filled]
        script.matches = [
            SymbolMatch(symbol: "AAPL", contractID: ContractID(265_598), companyName: "APPLE INC", exchange: "NASDAQ")
        ]
        script.executions = [
            Execution(
                executionID: "e1", symbol: aapl, side: .buy, quantity: 2, price: 199.5,
                time: Date(timeIntervalSince1970: 1_795_000_000), orderID: OrderID("1001"), commission: 1)
        ]
        return script
    }

    static let cases: [(String, [String: JSONValue])] = [
        ("session_status", [:]),
        ("market_status", [:]),
        ("get_quote", ["symbol": "aapl"]),
        ("get_quotes", ["symbols": ["AAPL", "MSFT"]]),
        ("account_summary", [:]),
        ("positions", [:]),
        ("portfolio", [:]),
        ("preview_order", ["symbol": "AAPL", "quantity": 1]),
        ("buy", ["symbol": "AAPL", "cash_amount": 50]),
        ("buy", ["symbol": "AAPL", "quantity": 1, "limit_price": 199.5]),
        ("sell", ["symbol": "AAPL", "quantity": 2]),
        ("close_position", ["symbol": "AAPL"]),
        ("stop_order", ["symbol": "AAPL", "side": "SELL", "quantity": 5, "stop_price": 180]),
        ("stop_order", ["symbol": "AAPL", "side": "sell", "quantity": 5, "stop_price": 180, "limit_price": 179]),
        ("trailing_stop", ["symbol": "AAPL", "side": "SELL", "quantity": 5, "trail_percent": 2.5]),
        ("trailing_stop", ["symbol": "AAPL", "side": "SELL", "quantity": 5, "trail_amount": 3]),
        ("bracket_order", ["symbol": "AAPL", "quantity": 1, "take_profit": 220, "stop_loss": 190]),
        ("modify_order", ["order_id": "77", "symbol": "AAPL", "side": "SELL", "quantity": 10, "stop_price": 185]),
        ("order_status", ["order_id": "1001"]),
        ("wait_for_fill", ["order_id": "1001", "timeout_seconds": 10]),
        ("cancel_order", ["order_id": "77"]),
        ("cancel_all_orders", [:]),
        ("open_orders", [:]),
        ("executions", ["days": 2]),
        ("trade_history", ["limit": 10]),
        ("reconcile_pending", ["resolve_missing": false]),
        ("price_history", ["symbol": "AAPL", "period": "1d", "bar": "5min"]),
        ("search_symbol", ["query": "aapl"]),
        ("pnl", [:]),
    ]

    @Test("answers ok with data matching its output schema", arguments: cases)
    func happyPath(name: String, arguments: [String: JSONValue]) async throws {
        let fixture = try ToolFixture(script: Self.script())
        let result = try await fixture.call(name, arguments)
        #expect(result.isError == false, "\(name): \(result.structuredContent ?? .null)")
        #expect(result.structuredContent?["ok"] == true)
        #expect(result.data != nil)
    }

    @Test("every tool is offered, with the reference's names; read-only and destructive hints are set")
    func catalogue() throws {
        let fixture = try ToolFixture()
        let names = Set(fixture.tools.keys)
        let expected: Set<String> = Set(Self.cases.map(\.0))
        #expect(names == expected)
        for name in ["session_status", "get_quote", "positions", "open_orders", "trade_history", "wait_for_fill"] {
            #expect(fixture.tools[name]?.annotations.readOnlyHint == true, "\(name)")
        }
        for name in ["buy", "sell", "close_position", "stop_order", "trailing_stop", "bracket_order", "modify_order"] {
            #expect(fixture.tools[name]?.annotations.destructiveHint == true, "\(name)")
            #expect(fixture.tools[name]?.annotations.readOnlyHint == false, "\(name)")
        }
        for tool in fixture.tools.values { #expect(tool.outputSchema != nil, "\(tool.name)") }
    }

    @Test("without a gateway only market_status is offered")
    func offline() {
        let environment = ToolEnvironment(broker: nil, name: .twin, now: { Date(timeIntervalSince1970: 0) })
        #expect(ValetToolbox.tools(environment).map(\.name) == ["market_status"])
        #expect(ValetToolbox.resources(environment).isEmpty)
    }

    @Test("buy sends exactly the order asked for, and the result states the environment")
    func buySends() async throws {
        let fixture = try ToolFixture(name: .livePaper)
        let result = try await fixture.call("buy", ["symbol": "aapl", "quantity": 2, "limit_price": 199.5])
        let data = try #require(result.data)
        #expect(data["environment"] == "live-paper")
        #expect(data["dry_run"] == false)
        #expect(data["order_id"] == "1001")
        #expect(data["status"] == "submitted")
        #expect(data["limit_price"] == "199.5")
        #expect(data["broker_message"] == "Order submitted")
        guard case .place(let order, _)? = fixture.broker.calls.first else {
            Issue.record("nothing placed")
            return
        }
        #expect(order.symbol.value == "AAPL")
        #expect(order.quantity == 2)
        #expect(order.type == .limit(Decimal(string: "199.5") ?? 0))
        #expect(order.timeInForce == .day)
    }

    @Test("stop_order and trailing_stop are GTC by default, DAY only when asked")
    func protectiveStopsAreGTC() async throws {
        let fixture = try ToolFixture(script: Self.script())
        _ = try await fixture.call("stop_order", ["symbol": "AAPL", "side": "SELL", "quantity": 5, "stop_price": 180])
        _ = try await fixture.call(
            "trailing_stop", ["symbol": "AAPL", "side": "SELL", "quantity": 4, "trail_amount": 3])
        _ = try await fixture.call(
            "stop_order", ["symbol": "AAPL", "side": "SELL", "quantity": 3, "stop_price": 181, "time_in_force": "DAY"])
        let tifs = fixture.broker.calls.compactMap { call -> TimeInForce? in
            if case .place(let order, _) = call { return order.timeInForce }
            return nil
        }
        #expect(tifs == [.goodTillCancelled, .goodTillCancelled, .day])
    }

    @Test("a protective stop may be placed while the market is closed")
    func protectiveStopOutsideHours() async throws {
        let fixture = try ToolFixture(marketOpen: false, script: Self.script())
        let stop = try await fixture.call(
            "stop_order", ["symbol": "AAPL", "side": "SELL", "quantity": 5, "stop_price": 180])
        #expect(stop.isError == false)
        let buy = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 1])
        #expect(buy.errorCode == "market_closed")
    }

    @Test("close_position cancels the resting stop on the closing side and says so")
    func closeCancelsRestingStop() async throws {
        let fixture = try ToolFixture(script: Self.script())
        let result = try await fixture.call("close_position", ["symbol": "AAPL"])
        let data = try #require(result.data)
        #expect(data["closed"] == true)
        #expect(data["cancelled_orders"] == ["77"])
        #expect(data["side"] == "SELL")
        #expect(data["quantity"] == "25")
        #expect(fixture.broker.calls.first == .cancel(OrderID("77")))
    }

    @Test("close_position with nothing held says why, sends nothing")
    func closeNothing() async throws {
        let fixture = try ToolFixture()
        let result = try await fixture.call("close_position", ["symbol": "MSFT"])
        #expect(result.data?["closed"] == false)
        #expect(result.data?["reason"]?.stringValue?.contains("No open position in MSFT") == true)
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("a dry-run sell reports its notional and sends nothing")
    func dryRunSellNotional() async throws {
        let fixture = try ToolFixture(dryRun: true, script: Self.script())
        let result = try await fixture.call("sell", ["symbol": "AAPL", "quantity": 2])
        let data = try #require(result.data)
        #expect(data["dry_run"] == true)
        #expect(data["status"] == "pending")
        #expect(data["order_id"] == .null)
        #expect(data["notional"] != .null)
        #expect(data["message"]?.stringValue?.contains("None") == false)
        #expect(data["message"]?.stringValue?.contains("proceeds") == true)
        #expect(fixture.broker.calls.isEmpty)
    }

    @Test("IBKR's own error text reaches the agent")
    func brokerMessageReachesAgent() async throws {
        var script = ScriptedBroker.Script()
        script.placeError = TradingError(
            .brokerRejected, "IBKR refused the order.", brokerMessage: "Invalid order price fields")
        let fixture = try ToolFixture(script: script)
        let result = try await fixture.call("buy", ["symbol": "AAPL", "quantity": 1])
        #expect(result.isError)
        #expect(result.errorCode == "broker_rejected")
        #expect(result.structuredContent?["error"]?["broker_message"] == "Invalid order price fields")
        #expect(result.errorMessage.contains("Invalid order price fields"))
    }

    @Test("an unknown symbol is an error, and get_quotes lists failures instead of dropping them")
    func unknownSymbols() async throws {
        let fixture = try ToolFixture()
        let single = try await fixture.call("get_quote", ["symbol": "ZZZZ"])
        #expect(single.errorCode == "contract_not_found")
        let batch = try await fixture.call("get_quotes", ["symbols": ["AAPL", "ZZZZ"]])
        #expect(batch.data?["quotes"]?.arrayValue?.count == 1)
        #expect(batch.data?["failures"]?[0]?["symbol"] == "ZZZZ")
        #expect(batch.data?["failures"]?[0]?["code"] == "contract_not_found")
    }

    @Test("bracket_order reports every leg")
    func bracketLegs() async throws {
        let fixture = try ToolFixture()
        let result = try await fixture.call(
            "bracket_order", ["symbol": "AAPL", "quantity": 1, "take_profit": 220, "stop_loss": 190])
        let legs = result.data?["legs"]?.arrayValue ?? []
        #expect(legs.map { $0["leg"] } == ["entry", "take_profit", "stop_loss"])
    }

    @Test("session_status states the environment, the account and the posture")
    func sessionStatus() async throws {
        let fixture = try ToolFixture(name: .replay, maxDailyValue: 500)
        let data = try #require(try await fixture.call("session_status").data)
        #expect(data["environment"] == "replay")
        #expect(data["account_id"] == "DU123")
        #expect(data["account_type"] == "PAPER")
        #expect(data["identity_verified"] == true)
        #expect(data["remaining_daily_budget"] == "500")
        #expect(data["safe_to_trade"] == true)
        #expect(data["warning"] == .null)
    }

    @Test("a failing read becomes an envelope with a code, never a crash or a stack trace")
    func readFailure() async throws {
        var script = ScriptedBroker.Script()
        script.readError = TradingError(.brokerUnavailable, "The gateway did not answer.")
        let fixture = try ToolFixture(script: script)
        let result = try await fixture.call("positions")
        #expect(result.errorCode == "broker_unavailable")
        #expect(result.structuredContent?["error"]?["hint"]?.stringValue?.isEmpty == false)
    }

    @Test("an unknown error gets a generic message, never its internal description")
    func unknownError() {
        struct Secret: Error, CustomStringConvertible { var description: String { "secret internals at 0xdead" } }
        let failure = ToolFailure.from(Secret())
        #expect(failure.code == "internal_failure")
        #expect(!failure.message.contains("0xdead"))
    }
}
