import Foundation
import Testing

@testable import GatewayTwin

@Suite("Twin ledger, commissions and whatif")
struct LedgerTests {
    typealias H = TwinHarness

    @Test(
        "IBKR fixed commissions",
        arguments: [
            ("100", "25", "1"), ("1000", "25", "5"), ("1000", "0.25", "2.5"), ("300", "10", "1.5"),
            ("0.5", "190", "0.01"), ("5.2628", "190", "0.03"), ("10", "0.5", "0.05"),
        ])
    func commissions(quantity: String, price: String, expected: String) {
        let value = dec(quantity) * dec(price)
        #expect(TwinCommission.fixed(quantity: dec(quantity), value: value) == dec(expected))
    }

    @Test("summary, ledger and positions agree with cash and marks after trades")
    func consistency() throws {
        let harness = TwinHarness()
        _ = harness.place([.object(H.order("BUY", "MKT", quantity: 100))])
        harness.twin.setPrice(conid: 265598, last: 200)
        _ = harness.place([.object(H.order("SELL", "MKT", quantity: 40))])
        _ = harness.get("/portfolio/accounts")
        let cash = dec("1000000") - dec("19001") - 1 + 40 * dec("199.99") - 1
        #expect(harness.twin.cash == cash)
        let summary = harness.get("/portfolio/DU1234567/summary").json
        #expect(summary["totalcashvalue"]?["amount"] == .float(cash))
        #expect(summary["netliquidation"]?["amount"] == .float(cash + 60 * 200))
        #expect(summary["accountcode"]?["value"] == .string("DU1234567"))
        let ledger = harness.get("/portfolio/DU1234567/ledger").json
        #expect(ledger["BASE"]?["cashbalance"] == .float(cash))
        #expect(ledger["USD"]?["endofbundle"] == .int(1))
        #expect(ledger["BASE"]?["stockmarketvalue"]?.decimalValue == 12000)
        #expect(harness.get("/portfolio/DU1234567/ledger").text.contains(#""stockmarketvalue":12000.0,"#))
        // Average cost includes the opening commission: (19001 + 1) / 100 = 190.02; realized (199.99-190.02)*40 - 1.
        #expect(ledger["BASE"]?["realizedpnl"] == .float(dec("397.8")))
        let position = try #require(harness.get("/portfolio/DU1234567/positions/0").json[0])
        #expect(position["position"]?.decimalValue == 60)
        #expect(position["avgCost"] == .float(dec("190.02")))
        #expect(position["mktValue"]?.decimalValue == 12000)
        let positionsText = harness.get("/portfolio/DU1234567/positions/0").text
        #expect(positionsText.contains(#""position":60.0,"#) && positionsText.contains(#""mktValue":12000.0,"#))
        #expect(position["unrealizedPnl"] == .float(dec("598.8")))
        #expect(harness.get("/portfolio/DU1234567/positions/1").json == .array([]))
    }

    @Test("whatif answers IBKR's formatted strings")
    func whatif() throws {
        let harness = TwinHarness()
        let answer = harness.post(
            "/iserver/account/DU1234567/orders/whatif",
            .object(["orders": .array([.object(H.order("BUY", "MKT", quantity: 10))])]))
        let json = answer.json
        #expect(json["amount"]?["amount"] == .string("1,900.10 USD (10 Shares)"))
        #expect(json["amount"]?["commission"] == .string("1 USD"))
        #expect(json["amount"]?["total"] == .string("1,901.10 USD"))
        #expect(json["equity"]?["current"] == .string("1,000,000"))
        #expect(json["equity"]?["change"] == .string("-1"))
        #expect(json["initial"]?["change"] == .string("950"))
        #expect(json["maintenance"]?["change"] == .string("475"))
        #expect(
            json["position"] == .object(["current": .string("0"), "change": .string("10"), "after": .string("10")]))
        #expect(json["warn"] == .null)
        #expect(json["error"] == .null)
        #expect(harness.twin.workingOrderCount == 0)
    }

    @Test("/portfolio/accounts reports a DEMO account")
    func portfolioAccounts() {
        let harness = TwinHarness()
        let account = harness.get("/portfolio/accounts").json[0]
        #expect(account?["type"] == .string("DEMO"))
        #expect(account?["id"] == .string("DU1234567"))
        #expect(harness.get("/portfolio/U999/summary").status == 500)
    }
}

@Suite("Twin positions cache")
struct PositionsCacheTests {
    @Test("with a cache, a fill shows in positions only after the cache ages or an invalidate")
    func cache() {
        let harness = TwinHarness(TwinConfiguration(positionsCacheSeconds: 30))
        #expect(harness.get("/portfolio/DU1234567/positions/0").json == .array([]))
        _ = harness.place([.object(TwinHarness.order("BUY", "MKT", quantity: 5))])
        #expect(harness.get("/portfolio/DU1234567/positions/0").json == .array([]))
        harness.twin.advance(seconds: 31)
        #expect(harness.get("/portfolio/DU1234567/positions/0").json[0]?["position"]?.decimalValue == 5)
        _ = harness.place([.object(TwinHarness.order("BUY", "MKT", quantity: 5))])
        _ = harness.post("/portfolio/DU1234567/positions/invalidate")
        #expect(harness.get("/portfolio/DU1234567/positions/0").json[0]?["position"]?.decimalValue == 10)
        #expect(harness.get("/portfolio/DU1234567/positions/99999999999999999").status == 400)
    }
}

@Suite("Twin margin check")
struct MarginTests {
    @Test("an order whose initial margin exceeds the equity is refused; a smaller one passes")
    func margin() {
        let harness = TwinHarness(TwinConfiguration(startingCash: 10000))
        let big = harness.place([.object(TwinHarness.order("BUY", "MKT", quantity: 110))])
        #expect(big.json["error"]?.stringValue?.hasPrefix("Your order is not accepted.") == true)
        let small = harness.place([.object(TwinHarness.order("BUY", "MKT", quantity: 100))])
        #expect(small.json[0]?["order_id"] != nil)
    }
}

@Suite("Twin whatif margin error")
struct WhatifMarginTests {
    @Test("whatif reports the margin refusal in error")
    func whatifError() {
        let harness = TwinHarness(TwinConfiguration(startingCash: 1000))
        let json = harness.post(
            "/iserver/account/DU1234567/orders/whatif",
            .object(["orders": .array([.object(TwinHarness.order("BUY", "MKT", quantity: 100))])])
        ).json
        #expect(json["error"]?.stringValue?.contains("Initial Margin") == true)
    }
}
