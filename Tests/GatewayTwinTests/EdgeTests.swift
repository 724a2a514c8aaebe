import Foundation
import HTTPCore
import Testing

@testable import GatewayTwin

@Suite("Twin edges: cash whatif, browser login, IOC, filters, concurrency")
struct EdgeTests {
    typealias H = TwinHarness

    @Test("a cash-quantity whatif has no margin blocks and reports funds in data")
    func cashWhatif() {
        let harness = TwinHarness()
        let json = harness.post(
            "/iserver/account/DU1234567/orders/whatif",
            .object(["orders": .array([.object(H.order("BUY", "MKT", extra: ["cashQty": .float(1000)]))])])
        ).json
        #expect(json["amount"]?["amount"] == .string("1,000 USD (5.2628 Shares)"))
        #expect(json["initial"] == .null)
        #expect(json["data"]?[0]?["N"] == .string("CURRENT_FUNDS"))
        #expect(json["data"]?[1]?["V"]?[0] == .string("998,999.97"))
    }

    @Test("the browser login page starts a session from logged-out")
    func browserLogin() {
        let harness = TwinHarness(TwinConfiguration(startsLoggedIn: false), primed: false)
        let page = harness.get("/sso/Login", ["forwardTo": "22"])
        #expect(page.text == "Client login succeeds")
        #expect(harness.post("/iserver/auth/status").json["authenticated"] == .bool(true))
    }

    @Test("an IOC limit that cannot fill is cancelled at once")
    func immediateOrCancel() throws {
        let harness = TwinHarness()
        let orderId = try #require(
            harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189), "tif": .string("IOC")])))
        #expect(harness.status(orderId)["order_status"] == .string("Cancelled"))
    }

    @Test("live-order filters select by status; force=true answers the empty warm-up again")
    func filters() throws {
        let harness = TwinHarness()
        _ = harness.placeOne(H.order("BUY", "MKT", quantity: 1))
        _ = harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)]))
        #expect(harness.liveOrders().count == 2)
        let filled = harness.get("/iserver/account/orders", ["filters": "filled,sort_by_time"]).json["orders"]?
            .arrayValue
        #expect(filled?.count == 1)
        #expect(filled?.first?["status"] == .string("Filled"))
        let sorted = harness.get("/iserver/account/orders", ["filters": "sort_by_time"]).json["orders"]?.arrayValue
        #expect(sorted?.count == 2)
        let forced = harness.get("/iserver/account/orders", ["force": "true"])
        #expect(forced.json["snapshot"] == .bool(false))
        #expect(forced.json["orders"] == .array([]))
    }

    @Test("many concurrent callers are serialised at the edge; every order gets its own id")
    func concurrency() async {
        let twin = GatewayTwin()
        _ = twin.handle(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        let ids = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    let order = TwinJSON.object([
                        "orders": .array([.object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(189)]))])
                    ])
                    let request = HTTPRequest(
                        method: "POST", path: "/iserver/account/DU1234567/orders", body: order.data)
                    let response = try? await twin.send(request)
                    return response.flatMap { TwinJSON.parse($0.body)?[0]?["order_id"]?.stringValue }
                }
            }
            var collected: [String] = []
            for await id in group { if let id { collected.append(id) } }
            return collected
        }
        #expect(ids.count == 40)
        #expect(Set(ids).count == 40)
        #expect(twin.workingOrderCount == 40)
    }
}

@Suite("Twin request paths")
struct RequestPathTests {
    @Test("a query written into the path is read like query items")
    func queryInPath() {
        let harness = TwinHarness()
        let answer = harness.get("/v1/api/trsrv/stocks?symbols=AAPL")
        #expect(answer.json["AAPL"]?[0]?["contracts"]?[0]?["conid"] == .int(265598))
    }
}
