import Foundation
import Testing

@testable import HTTPCore

@Suite("Cassette recorded account")
struct CassetteAccountTests {
    @Test("the account comes from the first account path; none without one")
    func recordedAccount() {
        let cassette = Cassette(exchanges: [
            Cassette.Exchange(method: "POST", path: "/iserver/auth/status", query: [], requestBody: nil, status: 200),
            Cassette.Exchange(
                method: "GET", path: "/portfolio/DU0000001/summary", query: [], requestBody: nil, status: 200),
        ])
        #expect(cassette.recordedAccountID == "DU0000001")
        #expect(Cassette(exchanges: [cassette.exchanges[0]]).recordedAccountID == nil)
        let orders = Cassette(exchanges: [
            Cassette.Exchange(method: "GET", path: "/iserver/account/orders", query: [], requestBody: nil, status: 200),
            Cassette.Exchange(
                method: "POST", path: "/iserver/account/U0000002/orders", query: [], requestBody: nil, status: 200),
        ])
        #expect(orders.recordedAccountID == "U0000002")
    }
}
