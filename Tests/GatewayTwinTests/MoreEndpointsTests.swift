import Foundation
import Testing

@testable import GatewayTwin

/// Endpoints ibind calls that used to answer 404.
@Suite("Twin endpoints beyond Valet's own calls")
struct MoreEndpointsTests {
    typealias H = TwinHarness

    @Test("portfolio subaccounts, meta and positions by conid (cpapi.md §3.3, §3.7)")
    func portfolio() throws {
        let harness = TwinHarness()
        _ = try #require(harness.placeOne(H.order("BUY", "MKT", quantity: 2)))
        #expect(harness.get("/portfolio/subaccounts").json[0]?["accountId"] == .string("DU1234567"))
        #expect(harness.get("/portfolio/DU1234567/meta").json["type"] == .string("DEMO"))
        #expect(harness.get("/portfolio/DU1234567/position/265598").json[0]?["position"]?.decimalValue == 2)
        #expect(harness.get("/portfolio/DU1234567/position/8314").json == .array([]))
        #expect(harness.get("/portfolio/positions/265598").json["DU1234567"]?[0]?["conid"] == .int(265598))
        #expect(harness.get("/portfolio/DU9999999/meta").status == 500)
    }

    @Test("iserver account summary and partitioned P&L answer from the ledger")
    func accountFigures() throws {
        let harness = TwinHarness()
        let summary = harness.get("/iserver/account/DU1234567/summary")
        #expect(summary.status == 200)
        #expect(summary.json["netLiquidationValue"]?.decimalValue == 1_000_000)
        let pnl = harness.get("/iserver/account/pnl/partitioned")
        #expect(pnl.json["upnl"]?["DU1234567.Core"]?["nl"]?.decimalValue == 1_000_000)
    }

    @Test("contract rules accept a string conid (as ibind sends it); trsrv/secdef lists definitions")
    func contracts() {
        let harness = TwinHarness()
        let rules = harness.post(
            "/iserver/contract/rules", .object(["conid": .string("265598"), "isBuy": .bool(true)]))
        #expect(rules.status == 200)
        let secdef = harness.get("/trsrv/secdef", ["conids": "265598,8314,1"]).json["secdef"]?.arrayValue ?? []
        #expect(secdef.map { $0["ticker"] } == [.string("AAPL"), .string("IBM")])
        #expect(harness.get("/trsrv/secdef").status == 400)
    }

    @Test("notification answers say Success; strikes are empty and secdef info describes the stock")
    func derivativesAndNotifications() {
        let harness = TwinHarness()
        let answer = harness.post(
            "/iserver/notification",
            .object(["orderId": .int(1), "reqId": .string("22170"), "text": .string("Yes")]))
        #expect(answer.status == 200)
        #expect(answer.text == "Success")
        #expect(harness.post("/iserver/notification", .object([:])).status == 400)
        let strikes = harness.get("/iserver/secdef/strikes", ["conid": "265598", "sectype": "OPT", "month": "JAN27"])
        #expect(strikes.json == .object(["call": .array([]), "put": .array([])]))
        let info = harness.get("/iserver/secdef/info", ["conid": "265598", "sectype": "STK"])
        #expect(info.json[0]?["symbol"] == .string("AAPL"))
        #expect(harness.get("/iserver/secdef/info", ["conid": "265598", "sectype": "OPT"]).json == .array([]))
    }
}
