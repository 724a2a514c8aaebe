import Foundation
import HTTPCore
import Testing
import TradingDomain
import ValetTesting

@testable import IBKRAdapter

@Suite("Wire mapping")
struct WireMappingTests {
    @Test(
        "IBKR status words map case- and space-insensitively",
        arguments: [
            ("Submitted", OrderStatus.submitted), ("PreSubmitted", .submitted), ("Pending Submit", .pending),
            ("PendingCancel", .pending), ("Filled", .filled), ("Cancelled", .cancelled), ("ApiCancelled", .cancelled),
            ("Inactive", .inactive), ("WarnState", .unknown),
        ])
    func statusWords(word: String, expected: OrderStatus) {
        #expect(IBKRBroker.status(from: word) == expected)
    }

    @Test("order ids arrive as strings or integers; numbers as strings or numbers")
    func flexibleValues() throws {
        let json = Data(
            #"[{"orderId": 1210386759, "order_ref": "a-1", "price": "457.00", "filledQuantity": 0.1, "side": "SELL"}]"#
                .utf8)
        let rows = try JSONDecoder().decode([CPAPILiveOrder].self, from: json)
        let order = try #require(rows.first.flatMap(IBKRBroker.order(from:)))
        #expect(order.orderID == OrderID("1210386759"))
        #expect(order.filledQuantity == decimal("0.1"))
        #expect(order.side == .sell)
    }

    @Test("the account summary reads its three entries, a bare number among them, and the first currency named")
    func accountSummaryEntries() throws {
        let text =
            #"{"accountcode": {"value": "DU1"}, "availablefunds": {"amount": 1000.5, "currency": null},"#
            + #" "netliquidation": {"amount": "2,000.25", "currency": "EUR"}, "buyingpower": 4000}"#
        let json = Data(text.utf8)
        let summary = try JSONDecoder().decode(CPAPIAccountSummary.self, from: json)
        #expect(summary.availablefunds?.amount?.value == decimal("1000.5"))
        #expect(summary.netliquidation?.amount?.value == decimal("2000.25"))
        #expect(summary.buyingpower?.amount?.value == 4000)
        #expect(summary.currency == "EUR")
    }

    @Test("a garbage field does not sink the row")
    func garbageTolerated() throws {
        let json = Data(#"{"order_id": {"x": 1}, "size": "N/A", "order_status": "Filled", "side": "N"}"#.utf8)
        let status = try JSONDecoder().decode(CPAPIOrderStatus.self, from: json)
        #expect(status.order_id?.value == nil)
        #expect(status.size?.value == nil)
        #expect(IBKRBroker.side(from: status.side?.value) == nil)
    }

    @Test(
        "whatif money texts",
        arguments: [
            ("1,977.60 USD (10 Shares)", decimal("1977.60")), ("~ 51,001.39 USD", decimal("51001.39")),
            ("-1", decimal("-1")), ("1.29 ... 1.50 USD", decimal("1.29")),
        ])
    func money(text: String, expected: Decimal) {
        #expect(IBKRPreviewParser.money(text) == expected)
    }

    @Test("'NA' is no number")
    func notAvailable() {
        #expect(IBKRPreviewParser.money("NA") == nil)
    }

    @Test("warnings lose their code prefix and HTML")
    func cleanWarning() {
        #expect(
            IBKRPreviewParser.clean("22/<h4>Market Order Confirmation</h4>&nbsp;A Market &amp; more")
                == "Market Order Confirmation A Market & more")
    }

    @Test("the suppression list drops o0 and is sorted")
    func suppressionList() throws {
        let broker = IBKRBroker(
            transport: FailingTransport(), accountID: try AccountID("DU1"), allowedQuestionIDs: ["o354", "o0", "o163"])
        #expect(broker.suppressibleQuestionIDs == ["o163", "o354"])
    }

    @Test("an order ticket encodes Decimal prices as exact JSON numbers")
    func ticketEncoding() throws {
        var ticket = CPAPIOrderTicket(conid: 265598, orderType: "LMT", side: "BUY", tif: "DAY", cOID: "x")
        ticket.price = try WireDecimal.price(decimal("101.35"), tick: decimal("0.01"))
        ticket.quantity = try WireDecimal.quantity(decimal("0.123456"), decimals: 4)
        let text = String(decoding: try CPAPIJSON.encode(ticket), as: UTF8.self)
        #expect(
            text
                == #"{"cOID":"x","conid":265598,"orderType":"LMT","price":101.35,"quantity":0.1234,"side":"BUY","tif":"DAY"}"#
        )
    }
}
