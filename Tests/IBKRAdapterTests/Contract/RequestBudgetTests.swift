import Foundation
import GatewayTwin
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// How many gateway requests each call sends once the adapter is warm (issue 13's targets: a placement 1 plus
/// question replies, a warm quote 1, the live orders at most 1), counted on a logging transport in front of the
/// twin. Every wait runs on the twin's clock; nothing here is timed.
@Suite("Gateway requests per call")
struct RequestBudgetTests {
    /// An adapter on a fresh twin (in process) whose every request is logged.
    struct Rig {
        let twin: GatewayTwin
        let broker: IBKRBroker
        let logging: LoggingTransport
        static let ordersPath = "POST /iserver/account/DU1234567/orders"

        init(settings: IBKRSettings = IBKRSettings(), faults: [String: TransportError] = [:]) throws {
            let twin = GatewayTwin()
            let clock = AdapterClock(now: { twin.now }, sleep: { duration in twin.advance(by: duration) })
            logging = LoggingTransport(base: twin, faults: faults)
            self.twin = twin
            broker = IBKRBroker(
                transport: logging, accountID: try AccountID("DU1234567"), clock: clock, settings: settings)
        }

        /// The requests `body` sent, in order.
        func requests(_ body: () async throws -> Void) async throws -> [String] {
            let before = logging.log.count
            try await body()
            return Array(logging.log.dropFirst(before))
        }

        func count(_ key: String) -> Int { logging.log.filter { $0 == key }.count }
    }

    static func order(_ side: OrderSide, _ quantity: Decimal, limit: Decimal? = nil) throws -> OrderRequest {
        try OrderRequest(
            symbol: Symbol("AAPL"), side: side, size: .quantity(quantity), type: limit.map { .limit($0) } ?? .market,
            timeInForce: .day)
    }

    @Test("the account identity is read once per brokerage session and again after the session changes")
    func identityOncePerSession() async throws {
        let rig = try Rig()
        for _ in 0..<3 { _ = try await rig.broker.accountIdentity() }
        _ = try await rig.broker.capabilities()
        #expect(rig.count("GET /iserver/accounts") == 1)

        // A keep-alive in the same session changes nothing.
        _ = try await rig.broker.keepAlive()
        _ = try await rig.broker.accountIdentity()
        #expect(rig.count("GET /iserver/accounts") == 1)

        // A new login (a new session token on /tickle) makes the identity be read again, once.
        rig.twin.logOut()
        rig.twin.login()
        _ = try await rig.broker.keepAlive()
        _ = try await rig.broker.accountIdentity()
        _ = try await rig.broker.accountIdentity()
        #expect(rig.count("GET /iserver/accounts") == 2)

        // IBKR's nightly reset loses the priming: the next /iserver call re-primes, and the identity is re-read.
        rig.twin.performNightlyReset()
        _ = try await rig.broker.quote(for: Symbol("AAPL"))
        _ = try await rig.broker.accountIdentity()
        #expect(rig.count("GET /iserver/accounts") == 3)
    }

    @Test("a warm quote sends one snapshot request")
    func warmQuote() async throws {
        let rig = try Rig()
        _ = try await rig.broker.quote(for: Symbol("AAPL"))
        let sent = try await rig.requests { _ = try await rig.broker.quote(for: Symbol("AAPL")) }
        #expect(sent == ["GET /iserver/marketdata/snapshot"])
    }

    @Test("a warm placement sends the order and nothing else (but IBKR's questions, answered by reply)")
    func warmPlacement() async throws {
        let rig = try Rig()
        _ = try await rig.broker.place(try Self.order(.buy, 1), clientOrderID: try ClientOrderID("warm-1"))
        let sent = try await rig.requests {
            _ = try await rig.broker.place(try Self.order(.buy, 1), clientOrderID: try ClientOrderID("warm-2"))
        }
        // The twin asks seeded questions (cpapi.md §6.4: o0 on some market orders); answering one is a reply.
        #expect(sent.filter { !$0.hasPrefix("POST /iserver/reply/") } == [Rig.ordersPath])
    }

    @Test("the live orders are asked at most once in IBKR's 5 s window and follow Valet's own changes")
    func liveOrdersView() async throws {
        let rig = try Rig(settings: IBKRSettings(opensLiveOrdersFeedAtLogin: true))
        // The login opens IBKR's live-orders feed (its first call only subscribes).
        var sent = try await rig.requests { _ = try await rig.broker.keepAlive() }
        #expect(sent.filter { $0 == "GET /iserver/account/orders" }.count == 1)
        rig.twin.advance(seconds: 5)

        let price = try #require(rig.twin.quote(conid: 265598)?.last)
        let limit = (price * Decimal(string: "0.98")!).rounded(places: 2)
        let working = try await rig.broker.place(
            try Self.order(.buy, 1, limit: limit), clientOrderID: try ClientOrderID("view-1"))
        var listed: [Order] = []
        sent = try await rig.requests { listed = try await rig.broker.openOrders() }
        #expect(sent == ["GET /iserver/account/orders"])
        #expect(listed.map(\.orderID) == [working.orderID])

        // A cancel and a new placement inside the window show without asking the gateway.
        let cancelling = try await rig.broker.cancel(working.orderID)
        let second = try await rig.broker.place(
            try Self.order(.buy, 2, limit: limit), clientOrderID: try ClientOrderID("view-2"))
        sent = try await rig.requests { listed = try await rig.broker.openOrders() }
        #expect(sent.isEmpty)
        #expect(listed.map(\.orderID) == [working.orderID, second.orderID])
        #expect(listed.first?.status == cancelling.status)
        #expect(listed.first?.status != .submitted)
        #expect(listed.last?.quantity == 2)
        #expect(listed.last?.status == .submitted)

        // An order-status call updates the view: the second order fills when the price falls to its limit.
        _ = rig.twin.setPrice(conid: 265598, last: limit - 1)
        rig.twin.advance(seconds: 1)
        let status = try await rig.broker.orderStatus(second.orderID)
        #expect(status.status == .filled)
        sent = try await rig.requests { listed = try await rig.broker.openOrders() }
        #expect(sent.isEmpty)
        #expect(listed.last?.status == .filled)
        #expect(listed.last?.clientOrderID?.value == "view-2")

        // Past the window the gateway is asked again (no pacing wait by then) and its listing replaces the view.
        rig.twin.advance(seconds: 5)
        sent = try await rig.requests { listed = try await rig.broker.openOrders() }
        #expect(sent == ["GET /iserver/account/orders"])
        #expect(Set(listed.map(\.orderID)) == [working.orderID, second.orderID])
    }

    @Test(
        "without the feed opened at login, the first listing asks twice, as IBKR requires; the view never answers alone"
    )
    func firstListingAsksTwice() async throws {
        let rig = try Rig()
        _ = try await rig.broker.place(try Self.order(.buy, 1), clientOrderID: try ClientOrderID("first-1"))
        let sent = try await rig.requests { _ = try await rig.broker.openOrders() }
        #expect(sent == ["GET /iserver/account/orders", "GET /iserver/account/orders"])
    }

    @Test("after a placement whose outcome is unknown only the gateway's listing answers")
    func uncertainPlacementAsksTheGateway() async throws {
        let timeout = TransportError(code: .timedOut, message: "no answer within 15 s.", hint: "check the gateway")
        let rig = try Rig(settings: IBKRSettings(opensLiveOrdersFeedAtLogin: true), faults: [Rig.ordersPath: timeout])
        _ = try await rig.broker.keepAlive()
        rig.twin.advance(seconds: 5)
        _ = try await rig.broker.openOrders()
        rig.twin.advance(seconds: 1)
        let error = await tradingError {
            _ = try await rig.broker.place(try Self.order(.buy, 1), clientOrderID: try ClientOrderID("lost-1"))
        }
        #expect(error?.code == .outcomeUnknown)
        let sent = try await rig.requests { _ = try await rig.broker.openOrders() }
        #expect(sent == ["GET /iserver/account/orders"])
    }
}
