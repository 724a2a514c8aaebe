import Foundation
import HTTPCore
import SimulationKit
import Testing

@testable import GatewayTwin

@Suite("Twin robustness")
struct RobustnessTests {
    static let paths = [
        "/iserver/account/DU1234567/orders", "/iserver/account/DU1234567/orders/whatif", "/iserver/reply/x",
        "/iserver/account/DU1234567/order/1210386760", "/iserver/marketdata/snapshot", "/iserver/contract/rules",
        "/iserver/questions/suppress", "/iserver/auth/ssodh/init", "/portfolio/DU1234567/positions/-1",
        "/iserver/account/order/status/abc", "/trsrv/stocks", "/iserver/secdef/search", "/tickle",
    ]

    static let bodies: [String] = [
        "", "{", "[]", "null", "42", #"{"orders": 5}"#, #"{"orders": [null]}"#,
        #"{"orders": [{"conid": "x", "side": "BUY"}]}"#,
        #"{"orders": [{"conid": 265598, "side": "BUY", "orderType": "LMT", "quantity": -1, "price": 1}]}"#,
        #"{"orders": [{"conid": 265598, "side": "BUY", "orderType": "MKT", "quantity": 1e300}]}"#,
        #"{"orders": [{"conid": 265598, "side": "SELL", "orderType": "TRAIL", "quantity": 1, "trailingAmt": 0}]}"#,
        #"{"orders": [{"conid": 265598, "side": "BUY", "orderType": "LMT", "quantity": 1, "price": 0.001}]}"#,
        #"{"conid": 265598, "messageIds": [1, 2], "confirmed": "yes", "publish": 1}"#,
        #"{"orders": [{"conid": 265598, "side": "BUY", "orderType": "MKT", "quantity": 1, "parentId": "nope"}]}"#,
    ]

    @Test("seeded garbage never crashes the twin and always gets an HTTP answer")
    func garbage() {
        let twin = GatewayTwin()
        _ = twin.handle(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        var generator = SplitMix64(seed: 99)
        let methods = ["GET", "POST", "DELETE", "PUT"]
        for _ in 0..<600 {
            let method = methods[Int(generator.nextBounded(UInt64(methods.count)))]
            let path = Self.paths[Int(generator.nextBounded(UInt64(Self.paths.count)))]
            let body = Self.bodies[Int(generator.nextBounded(UInt64(Self.bodies.count)))]
            let query = [URLQueryItem(name: "conids", value: generator.nextBool(probability: 0.5) ? "265598,x" : "")]
            let request = HTTPRequest(
                method: method, path: path, query: query, body: body.isEmpty ? nil : Data(body.utf8))
            let status = twin.handle(request).status
            #expect((200..<600).contains(status))
        }
    }

    @Test("absurd clock moves are ignored rather than trapping")
    func absurdTime() {
        let twin = GatewayTwin()
        let before = twin.now
        twin.advance(seconds: .infinity)
        twin.advance(seconds: 1e300)
        twin.advance(seconds: -5)
        #expect(twin.now == before)
    }
}
