import Foundation
import Testing

@testable import GatewayTwin

/// TRAILLMT, MIDPRICE and the OPG/GTD times in force, which cpapi.md §6.1 lists as order fields and §5's
/// `tifTypes` as accepted (the twin used to refuse them).
@Suite("Twin TRAILLMT, MIDPRICE, OPG and GTD")
struct ExtendedOrderTypeTests {
    typealias H = TwinHarness

    /// A new login and priming after a long jump in time (the old session has expired meanwhile).
    static func relogin(_ harness: TwinHarness) {
        harness.twin.login()
        _ = harness.get("/iserver/accounts")
    }

    @Test("a trailing stop limit trails, triggers, then works as a limit at its offset from the stop")
    func trailingStopLimit() throws {
        let harness = TwinHarness()
        harness.twin.seedPosition(conid: 265598, quantity: 5, averageCost: 150)
        let extra: [String: TwinJSON] = [
            "price": .float(dec("184.50")), "auxPrice": .float(185), "trailingAmt": .float(5),
            "trailingType": .string("amt"), "tif": .string("GTC"),
        ]
        let orderId = try #require(harness.placeOne(H.order("SELL", "TRAILLMT", quantity: 5, extra: extra)))
        harness.twin.setPrice(conid: 265598, last: 200)
        // Waiting for its trigger, a stop-family order is PreSubmitted (cpapi.md §6.12).
        #expect(harness.status(orderId)["order_status"] == .string("PreSubmitted"))
        harness.twin.setPrice(conid: 265598, last: 195)
        let status = harness.status(orderId)
        #expect(status["order_status"] == .string("Filled"))
        let average = try #require(status["average_price"]?.stringValue.flatMap { Decimal(string: $0) })
        #expect(average >= dec("194.50"))
        #expect(harness.twin.position(conid: 265598).quantity == 0)
    }

    @Test("TRAILLMT without a limit price is refused with what to send")
    func trailingStopLimitNeedsPrice() {
        let harness = TwinHarness()
        let extra: [String: TwinJSON] = [
            "auxPrice": .float(185), "trailingAmt": .float(5), "trailingType": .string("amt"),
        ]
        let answer = harness.place([.object(H.order("SELL", "TRAILLMT", quantity: 1, extra: extra))])
        #expect(answer.json["error"]?.stringValue?.contains("price (limit) and auxPrice (stop)") == true)
    }

    @Test("MIDPRICE fills at the midpoint, and not while the midpoint is beyond its cap")
    func midPrice() throws {
        let harness = TwinHarness()
        let filled = try #require(harness.placeOne(H.order("BUY", "MIDPRICE", quantity: 2)))
        #expect(harness.status(filled)["average_price"] == .string("190.00"))
        let capped = try #require(
            harness.placeOne(H.order("BUY", "MIDPRICE", quantity: 2, extra: ["price": .float(189)])))
        #expect(harness.status(capped)["order_status"] == .string("Submitted"))
        harness.twin.setPrice(conid: 265598, last: dec("188.50"))
        #expect(harness.status(capped)["order_status"] == .string("Filled"))
    }

    @Test("an OPG order waits for the next regular open and trades only in that auction")
    func atTheOpening() throws {
        let harness = TwinHarness()
        let opg: [String: TwinJSON] = ["tif": .string("OPG")]
        let market = try #require(harness.placeOne(H.order("BUY", "MKT", quantity: 1, extra: opg)))
        let far = try #require(
            harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: opg.merging(["price": .float(150)]) { $1 })))
        #expect(harness.status(market)["order_status"] == .string("PreSubmitted"))
        // Tuesday 10:00 → Wednesday 09:31 New York; a fresh login reads the result.
        harness.twin.advance(seconds: 23 * 3600 + 31 * 60)
        Self.relogin(harness)
        let rows = harness.liveOrders()
        #expect(rows.first { $0["orderId"] == .int(market) }?["status"] == .string("Filled"))
        #expect(rows.first { $0["orderId"] == .int(far) }?["status"] == .string("Cancelled"))
        #expect(
            harness.place([
                .object(H.order("BUY", "STP", quantity: 1, extra: opg.merging(["price": .float(200)]) { $1 }))
            ])
            .json["error"] != nil)
    }

    @Test("a GTD order survives closes before its last day and expires at that day's close")
    func goodTillDate() throws {
        let harness = TwinHarness()
        let extra: [String: TwinJSON] = [
            "price": .float(150), "tif": .string("GTD"), "goodTillDate": .string("20260107 16:00:00"),
        ]
        let orderId = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: extra)))
        var states: [TwinJSON?] = []
        // Tuesday 10:00 → Tuesday 16:05, then → Wednesday 16:05.
        for hours in [6, 24] {
            harness.twin.advance(seconds: Double(hours) * 3600 + 300)
            Self.relogin(harness)
            states.append(harness.liveOrders().first { $0["orderId"] == .int(orderId) }?["status"])
        }
        #expect(states.first == .string("PreSubmitted"))
        #expect(states.last == .string("Cancelled"))
        let bad = harness.place([
            .object(
                H.order("BUY", "LMT", quantity: 1, extra: extra.merging(["goodTillDate": .string("tomorrow")]) { $1 }))
        ])
        #expect(bad.json["error"]?.stringValue?.contains("YYYYMMDD") == true)
        let tif = harness.place([
            .object(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150), "tif": .string("FOK")]))
        ])
        #expect(tif.json["error"] == .string("Invalid time in force: FOK"))
    }
}
