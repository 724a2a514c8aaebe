import Foundation
import Testing

@testable import GatewayTwin

@Suite("Twin fixtures and bulk ticks")
struct FixtureTests {
    @Test("a JSON fixture sets account, cash and instruments with exact prices")
    func fixture() throws {
        let json = """
            {"seed": 3, "accountID": "DU7654321", "startingCash": "25000.50",
             "instruments": [{"conid": 265598, "symbol": "aapl", "price": "190.05", "liquidityPerUpdate": 5}]}
            """
        let configuration = try TwinFixture.load(Data(json.utf8)).applied()
        #expect(configuration.accountID == "DU7654321")
        #expect(configuration.startingCash == dec("25000.50"))
        #expect(configuration.instruments.count == 1)
        #expect(configuration.instruments.first?.initialPrice == dec("190.05"))
        #expect(configuration.instruments.first?.symbol == "AAPL")
        let twin = GatewayTwin(configuration: configuration)
        #expect(twin.quote(conid: 265598)?.last == dec("190.05"))
        #expect(twin.cash == dec("25000.50"))
    }

    @Test("a bad decimal names itself")
    func badDecimal() {
        let json = #"{"startingCash": "lots"}"#
        #expect(throws: DecodingError.self) { try TwinFixture.load(Data(json.utf8)) }
    }

    @Test("bulk ticks move prices in order and fire resting orders")
    func bulkTicks() throws {
        let harness = TwinHarness()
        let orderId = try #require(
            harness.placeOne(TwinHarness.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)])))
        let applied = harness.twin.apply([
            TwinTick(conid: 265598, last: dec("189.50")), TwinTick(conid: 1, last: 1),
            TwinTick(conid: 265598, last: dec("188.50")), TwinTick(conid: 265598, last: dec("191")),
        ])
        #expect(applied == 3)
        #expect(harness.status(orderId)["average_price"] == .string("188.51"))
        #expect(harness.twin.quote(conid: 265598)?.last == 191)
    }
}

@Suite("Twin inspection")
struct InspectionTests {
    @Test("orders() lists every order with its status and fills")
    func ordersView() throws {
        let harness = TwinHarness()
        _ = harness.placeOne(TwinHarness.order("BUY", "MKT", quantity: 3, extra: ["cOID": .string("view-1")]))
        _ = harness.placeOne(TwinHarness.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)]))
        let orders = harness.twin.orders()
        try #require(orders.count == 2)
        #expect(orders[0].clientOrderID == "view-1")
        #expect(orders[0].status == "Filled")
        #expect(orders[0].filledQuantity == 3)
        #expect(orders[0].averagePrice == dec("190.01"))
        #expect(orders[0].commission == 1)
        #expect(orders[1].status == "Submitted")
        #expect(harness.twin.executionCount == 1)
    }
}
