import Foundation
import HTTPCore
import Testing
import TradingDomain
import ValetTesting

@testable import IBKRAdapter

/// Domain orders → IBKR tickets, without HTTP: prices in the right fields, rounded on the safe side.
@Suite("Order tickets")
struct TicketTests {
    static let rules = ContractRules(
        fractionDecimals: 4, fractionalOrderTypes: ["market", "limit", "stop"], cashOrderTypes: ["market"],
        priceTick: Decimal(string: "0.01"))

    func json(_ order: OrderRequest, rules: ContractRules = TicketTests.rules) async throws -> String {
        let broker = IBKRBroker(
            transport: FailingTransport(), accountID: try AccountID("DU1"), clock: TestClock().adapterClock)
        let ticket = try await broker.ticket(
            for: order, conid: ContractID(265598), rules: rules, clientOrderID: "c1", parentID: nil)
        return String(decoding: try CPAPIJSON.encode(ticket), as: UTF8.self)
    }

    @Test(
        "each order type puts its prices where IBKR reads them",
        arguments: [
            (OrderType.limit(decimal("101.357")), Decimal(1), #""orderType":"LMT","price":101.35"#),
            (.stop(trigger: decimal("95.004")), 1, #""orderType":"STP","price":95"#),
            (.stopLimit(trigger: 95, limit: decimal("94.5")), 1, #""auxPrice":95,"#),
            (.trailing(.amount(decimal("1.5"))), 1, #""trailingAmt":1.5,"trailingType":"amt""#),
            (.trailing(.percent(2)), 1, #""trailingAmt":2,"trailingType":"%""#),
        ] as [(OrderType, Decimal, String)])
    func prices(type: OrderType, quantity: Decimal, fragment: String) async throws {
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(quantity), type: type)
        let text = try await json(order)
        #expect(text.contains(fragment), "\(text)")
        #expect(text.contains(#""cOID":"c1""#))
    }

    @Test("a buy limit rounds down to the tick, a sell limit up")
    func conservativeLimits() async throws {
        let buy = try OrderRequest(
            symbol: try Symbol("AAPL"), side: .buy, size: .quantity(1), type: .limit(decimal("101.359")))
        let sell = try OrderRequest(
            symbol: try Symbol("AAPL"), side: .sell, size: .quantity(1), type: .limit(decimal("101.351")))
        #expect(try await json(buy).contains(#""price":101.35"#))
        #expect(try await json(sell).contains(#""price":101.36"#))
    }

    @Test("a buy quantity IBKR cannot take exactly is refused, not silently changed")
    func buyPrecision() async throws {
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(decimal("0.123456")))
        let error = await tradingError { _ = try await json(order) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == "quantity")
    }

    @Test("fractions are refused for order types outside fraqTypes, and for whole-share instruments")
    func fractionRules() async throws {
        let trailing = try OrderRequest(
            symbol: try Symbol("AAPL"), side: .sell, size: .quantity(decimal("0.5")), type: .trailing(.percent(1)))
        #expect(await tradingError { _ = try await json(trailing) }?.field == "quantity")
        let whole = ContractRules(fractionDecimals: 0, fractionalOrderTypes: [], cashOrderTypes: [], priceTick: nil)
        let half = try OrderRequest(symbol: try Symbol("AAPL"), side: .sell, size: .quantity(decimal("0.5")))
        #expect(await tradingError { _ = try await json(half, rules: whole) }?.field == "quantity")
    }

    @Test("outsideRTH and GTC are sent when asked")
    func flags() async throws {
        let order = try OrderRequest(
            symbol: try Symbol("AAPL"), side: .sell, size: .quantity(3), type: .stop(trigger: 90),
            timeInForce: .goodTillCancelled, outsideRegularHours: true)
        let text = try await json(order)
        #expect(text.contains(#""outsideRTH":true"#))
        #expect(text.contains(#""tif":"GTC""#))
    }
}
