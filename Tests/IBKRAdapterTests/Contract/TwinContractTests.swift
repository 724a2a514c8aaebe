import Foundation
import GatewayTwin
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// The adapter's behaviour against the gateway twin, in process and over the loopback HTTP server with the real
/// URLSession transport: two independent models of IBKR's wire (the adapter and the twin) must agree end to end.
@Suite("Adapter contract against the twin")
struct TwinContractTests {
    /// How the adapter reaches the twin.
    enum Route: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case inProcess = "in process"
        case loopback = "loopback HTTP"
        var testDescription: String { rawValue }
    }

    /// An adapter on a fresh twin, sharing the twin's clock; `close()` stops the loopback server. The twin is
    /// reached the way the contract suite's twin backends reach it (`TwinScenarioTransport`).
    struct Rig {
        let twin: GatewayTwin
        let broker: IBKRBroker
        let transport: TwinScenarioTransport

        init(
            _ route: Route, configuration: TwinConfiguration = TwinConfiguration(),
            allowedQuestionIDs: Set<String> = WarningAllowList.standard.messageIDs
        ) throws {
            let scenario = TwinScenario(configuration: configuration, exercises: [], source: "the test's configuration")
            transport = try TwinScenarioTransport(
                scenario, start: TwinConfiguration.defaultStart, loopback: route == .loopback)
            let twin = transport.twin
            self.twin = twin
            let clock = AdapterClock(now: { twin.now }, sleep: { duration in twin.advance(by: duration) })
            broker = IBKRBroker(
                transport: transport, accountID: try AccountID("DU1234567"),
                allowedQuestionIDs: allowedQuestionIDs, clock: clock)
        }

        func close() { transport.close() }
    }

    static func symbol(_ text: String) throws -> Symbol {
        try Symbol(text)
    }

    @Test("session, identity and capabilities", arguments: Route.allCases)
    func session(route: Route) async throws {
        let rig = try Rig(route)
        defer { rig.close() }
        let status = try await rig.broker.ensureSession()
        #expect(status.canTrade)
        let identity = try await rig.broker.accountIdentity()
        #expect(identity.selectedAccount?.value == "DU1234567")
        #expect(identity.isPaper == true)
        let capabilities = try await rig.broker.capabilities()
        #expect(capabilities.supportsCashQuantity == true)
    }

    @Test("a quote warms up and arrives with bid and ask", arguments: Route.allCases)
    func quote(route: Route) async throws {
        let rig = try Rig(route)
        defer { rig.close() }
        let quote = try await rig.broker.quote(for: try Self.symbol("AAPL"))
        #expect(quote.last == 190)
        #expect(quote.bid == Decimal(string: "189.99"))
        #expect(quote.ask == Decimal(string: "190.01"))
        let batch = try await rig.broker.quotes(for: [try Self.symbol("MSFT"), try Self.symbol("NOSUCHX")])
        #expect(batch.quotes.count == 1)
        #expect(batch.failures.count == 1)
    }

    @Test("a dollar buy fills fractionally and shows in positions and executions", arguments: Route.allCases)
    func dollarBuy(route: Route) async throws {
        let rig = try Rig(route)
        defer { rig.close() }
        let order = try OrderRequest(symbol: try Self.symbol("AAPL"), side: .buy, size: .cash(50), type: .market)
        let placed = try await rig.broker.place(order, clientOrderID: try ClientOrderID("c-1"))
        rig.twin.advance(seconds: 1)
        let status = try await rig.broker.orderStatus(placed.orderID)
        #expect(status.status == .filled)
        let position = try await rig.broker.positions().first { $0.symbol.value == "AAPL" }
        #expect(position?.quantity == rig.twin.position(conid: 265598).quantity)
        #expect((position?.quantity ?? 0) > 0 && (position?.quantity ?? 1) < 1)
        let fills = try await rig.broker.executions(days: 1)
        #expect(fills.count == 1)
    }

    @Test(
        "a far limit asks a question the allow-list confirms; the order rests, then cancels", arguments: Route.allCases)
    func limitThenCancel(route: Route) async throws {
        let rig = try Rig(route)
        defer { rig.close() }
        let order = try OrderRequest(
            symbol: try Self.symbol("AAPL"), side: .buy, size: .quantity(1), type: .limit(150),
            timeInForce: .goodTillCancelled)
        let placed = try await rig.broker.place(order, clientOrderID: try ClientOrderID("c-2"))
        #expect(rig.twin.workingOrderCount == 1)
        let open = try await rig.broker.openOrders()
        #expect(open.contains { $0.orderID == placed.orderID })
        _ = try await rig.broker.cancel(placed.orderID)
        rig.twin.advance(seconds: 5)
        #expect(rig.twin.workingOrderCount == 0)
        #expect(try await rig.broker.orderStatus(placed.orderID).status == .cancelled)
    }

    @Test("a bracket's exits wait for the entry, then cancel each other", arguments: Route.allCases)
    func bracket(route: Route) async throws {
        let rig = try Rig(route)
        defer { rig.close() }
        let bracket = try BracketRequest(
            symbol: try Self.symbol("AAPL"), side: .buy, quantity: 1, entry: .market, takeProfit: 195, stopLoss: 185)
        let acks = try await rig.broker.placeBracket(bracket, clientOrderID: try ClientOrderID("c-3"))
        #expect(acks.count == 3)
        rig.twin.advance(seconds: 1)
        rig.twin.setPrice(conid: 265598, last: 196)
        rig.twin.advance(seconds: 1)
        let legs = rig.twin.orders().map(\.status)
        #expect(legs == ["Filled", "Filled", "Cancelled"])
        #expect(rig.twin.position(conid: 265598).quantity == 0)
    }

    @Test("a preview prices the order and places nothing", arguments: Route.allCases)
    func preview(route: Route) async throws {
        let rig = try Rig(route)
        defer { rig.close() }
        let order = try OrderRequest(symbol: try Self.symbol("MSFT"), side: .buy, size: .quantity(2), type: .market)
        let preview = try await rig.broker.preview(order)
        #expect(preview.amount != nil)
        #expect(preview.commission != nil)
        #expect(rig.twin.workingOrderCount == 0)
        #expect(rig.twin.orders().isEmpty)
    }
}
