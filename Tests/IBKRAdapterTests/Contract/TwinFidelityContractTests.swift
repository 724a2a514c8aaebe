import Foundation
import GatewayTwin
import IBKRAdapter
import Testing
import TradingDomain

/// The adapter against twin behaviours fixed from outside evidence (cpapi.md sections named per test).
@Suite("Adapter against the twin's documented behaviours")
struct TwinFidelityContractTests {
    typealias Rig = TwinContractTests.Rig

    @Test("logged out, auth status is 200 authenticated:false; the adapter still says how to log in (cpapi.md §2.3)")
    func loggedOut() async throws {
        let rig = try Rig(.inProcess)
        rig.twin.logOut()
        let status = try await rig.broker.status()
        #expect(!status.authenticated && !status.connected)
        #expect(status.message?.contains("log in") == true)
    }

    @Test("after a new login order status answers 503; the adapter finds the order in live orders (cpapi.md §6.10)")
    func statusAfterNewSession() async throws {
        let rig = try Rig(.inProcess)
        let order = try OrderRequest(
            symbol: try Symbol("AAPL"), side: .buy, size: .quantity(1), type: .limit(189),
            timeInForce: .goodTillCancelled)
        let placed = try await rig.broker.place(order, clientOrderID: try ClientOrderID("f-1"))
        rig.twin.login()
        _ = try await rig.broker.ensureSession()
        let status = try await rig.broker.orderStatus(placed.orderID)
        #expect(status.status == .submitted)
        #expect(status.brokerStatus == "PreSubmitted")
    }

    @Test("portfolio reads call /portfolio/accounts first, once (cpapi.md §3.3); positions refresh by invalidate")
    func portfolioPriming() async throws {
        let rig = try Rig(.inProcess)
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(3), type: .market)
        _ = try await rig.broker.place(order, clientOrderID: try ClientOrderID("f-2"))
        rig.twin.advance(seconds: 1)
        _ = try await rig.broker.accountSummary()
        let positions = try await rig.broker.positions()
        #expect(positions.first { $0.symbol.value == "AAPL" }?.quantity == 3)
    }
}
