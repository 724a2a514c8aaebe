import Foundation
import Testing

@testable import GatewayTwin

@Suite("Twin matching engine: order types")
struct OrderTypeTests {
    typealias H = TwinHarness

    @Test("a market buy fills at the ask; placement, live orders and status use IBKR's shapes")
    func marketBuy() throws {
        let harness = TwinHarness()
        let ack = harness.place([.object(H.order("BUY", "MKT", quantity: 100, extra: ["cOID": .string("mkt-1")]))])
        let first = try #require(ack.json[0])
        #expect(first["order_id"]?.stringValue.flatMap(Int.init) != nil)
        #expect(first["order_status"] == .string("Submitted"))
        #expect(first["encrypt_message"] == .string("1"))
        #expect(first["local_order_id"] == .string("mkt-1"))
        let warmUp = harness.get("/iserver/account/orders")
        #expect(warmUp.text == #"{"orders":[],"snapshot":false}"#)
        let row = try #require(harness.liveOrders().first)
        #expect(row["status"] == .string("Filled"))
        #expect(row["sizeAndFills"] == .string("100"))
        #expect(row["timeInForce"] == .string("CLOSE"))
        #expect(row["side"] == .string("BUY"))
        #expect(row["orderId"]?.intValue == first["order_id"]?.stringValue.flatMap(Int.init))
        #expect(row["filledQuantity"]?.decimalValue == 100)
        #expect(harness.get("/iserver/account/orders").text.contains(#""filledQuantity":100.0,"#))
        #expect(row["avgPrice"] == .string("190.01"))
        #expect(row["order_ref"] == .string("mkt-1"))
        #expect(row["orderDesc"] == .string("Bought 100 Market, Day"))
        let orderId = try #require(row["orderId"]?.intValue)
        let status = harness.status(orderId)
        #expect(status["side"] == .string("B"))
        #expect(status["order_status"] == .string("Filled"))
        #expect(status["cum_fill"] == .string("100.0"))
        #expect(status["order_id"] == .int(orderId))
        let trade = try #require(harness.get("/iserver/account/trades").json[0])
        #expect(trade["side"] == .string("B"))
        #expect(trade["price"] == .string("190.01"))
        #expect(trade["size"]?.decimalValue == 100)
        #expect(harness.get("/iserver/account/trades").text.contains(#""size":100.0,"#))
        #expect(trade["commission"] == .string("1.0"))
        #expect(harness.twin.position(conid: 265598).quantity == 100)
    }

    @Test("a limit buy rests, then fills when the ask comes down to it")
    func limitBuy() throws {
        let harness = TwinHarness()
        let orderId = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 10, extra: ["price": .float(189)])))
        #expect(harness.status(orderId)["order_status"] == .string("Submitted"))
        harness.twin.setPrice(conid: 265598, last: dec("189.50"))
        #expect(harness.status(orderId)["order_status"] == .string("Submitted"))
        harness.twin.setPrice(conid: 265598, last: dec("188.90"))
        let status = harness.status(orderId)
        #expect(status["order_status"] == .string("Filled"))
        #expect(status["average_price"] == .string("188.91"))
    }

    @Test("STP with auxPrice is refused as IBKR refuses it")
    func stopWithAuxPrice() {
        let harness = TwinHarness()
        let answer = harness.place([
            .object(H.order("SELL", "STP", quantity: 1, extra: ["price": .float(180), "auxPrice": .float(180)]))
        ])
        #expect(answer.text == #"{"error":"Invalid order price fields"}"#)
    }

    @Test("a sell stop triggers on the last price and fills at the bid")
    func sellStop() throws {
        let harness = TwinHarness()
        _ = harness.place([.object(H.order("BUY", "MKT", quantity: 10))])
        let orderId = try #require(
            harness.placeOne(H.order("SELL", "STP", quantity: 10, extra: ["price": .float(185)])))
        #expect(harness.status(orderId)["order_status"] == .string("PreSubmitted"))
        harness.twin.setPrice(conid: 265598, last: dec("185.01"))
        #expect(harness.status(orderId)["order_status"] == .string("PreSubmitted"))
        harness.twin.setPrice(conid: 265598, last: dec("184.50"))
        let status = harness.status(orderId)
        #expect(status["order_status"] == .string("Filled"))
        #expect(status["average_price"] == .string("184.49"))
    }

    @Test("a stop-limit triggers on auxPrice, then works as a limit")
    func stopLimit() throws {
        let harness = TwinHarness()
        let orderId = try #require(
            harness.placeOne(
                H.order("BUY", "STOP_LIMIT", quantity: 5, extra: ["price": .float(196), "auxPrice": .float(195)])))
        harness.twin.setPrice(conid: 265598, last: dec("197"), bid: dec("196.90"), ask: dec("197.10"))
        #expect(harness.status(orderId)["order_status"] == .string("Submitted"))
        harness.twin.setPrice(conid: 265598, last: dec("195.95"))
        let status = harness.status(orderId)
        #expect(status["order_status"] == .string("Filled"))
        #expect(status["average_price"] == .string("195.96"))
    }

    @Test("a trailing sell stop ratchets up only, then fires", arguments: [false, true])
    func trailingStop(percent: Bool) throws {
        let harness = TwinHarness()
        _ = harness.place([.object(H.order("BUY", "MKT", quantity: 10))])
        harness.twin.setPrice(conid: 265598, last: 200)
        let trail: [String: TwinJSON] = [
            "trailingAmt": percent ? .float(1) : .float(2), "trailingType": .string(percent ? "%" : "amt"),
        ]
        let orderId = try #require(harness.placeOne(H.order("SELL", "TRAIL", quantity: 10, extra: trail)))
        #expect(harness.status(orderId)["stop_price"] == .string("198.00"))
        harness.twin.setPrice(conid: 265598, last: 210)
        let raised = percent ? "207.90" : "208.00"
        #expect(harness.status(orderId)["stop_price"] == .string(raised))
        harness.twin.setPrice(conid: 265598, last: dec("208.50"))
        #expect(harness.status(orderId)["stop_price"] == .string(raised))
        #expect(harness.status(orderId)["order_status"] == .string("PreSubmitted"))
        harness.twin.setPrice(conid: 265598, last: dec("207.50"))
        #expect(harness.status(orderId)["order_status"] == .string("Filled"))
    }

    @Test("a cash-quantity buy fills fractional shares rounded down to fraqInt and asks o10164/o10223")
    func cashBuy() throws {
        let harness = TwinHarness()
        let asked = harness.place([.object(H.order("BUY", "MKT", extra: ["cashQty": .float(1000)]))], confirm: false)
        #expect(asked.json[0]?["messageIds"] == .array([.string("o10164")]))
        let done = harness.place([.object(H.order("BUY", "MKT", extra: ["cashQty": .float(1000)]))])
        #expect(done.json[0]?["order_id"] != nil)
        #expect(harness.twin.position(conid: 265598).quantity == dec("5.2628"))
        let trade = try #require(harness.get("/iserver/account/trades").json[0])
        #expect(trade["commission"] == .string("0.03"))
    }

    @Test("cash quantity on a sell is refused with IBKR's text; fractional sells by quantity fill")
    func cashSellAndFractionalSell() {
        let harness = TwinHarness()
        let refused = harness.place([.object(H.order("SELL", "MKT", extra: ["cashQty": .float(100)]))])
        #expect(refused.text == #"{"error":"Cash order quantity can not be set for sell order"}"#)
        _ = harness.place([.object(H.order("BUY", "MKT", extra: ["cashQty": .float(1000)]))])
        _ = harness.place([.object(H.order("SELL", "MKT", quantity: dec("5.2628")))])
        #expect(harness.twin.position(conid: 265598).quantity == 0)
        let tooFine = harness.place([.object(H.order("SELL", "MKT", quantity: dec("0.00001")))])
        #expect(tooFine.json["error"] != nil)
    }

    @Test("DAY orders expire at the close, GTC orders stay")
    func dayExpiry() throws {
        let harness = TwinHarness()
        let day = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150)])))
        let gtc = try #require(
            harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(150), "tif": .string("GTC")])))
        harness.twin.advance(seconds: 6 * 3600 + 60)
        harness.twin.login()
        _ = harness.get("/iserver/accounts")
        // After the new login order status no longer answers for them (cpapi.md §6.10); live orders do.
        #expect(harness.status(day)["order_status"] == nil)
        let rows = harness.liveOrders()
        #expect(rows.first { $0["orderId"] == .int(day) }?["status"] == .string("Cancelled"))
        #expect(rows.first { $0["orderId"] == .int(gtc) }?["status"] == .string("PreSubmitted"))
    }

    @Test("orders outside regular hours wait unless outsideRTH")
    func outsideHours() throws {
        // 2026-01-06 08:00 New York: extended hours.
        let harness = TwinHarness(start: Date(timeIntervalSince1970: 1_767_704_400))
        let waiting = try #require(harness.placeOne(H.order("BUY", "MKT", quantity: 1)))
        let early = try #require(
            harness.placeOne(H.order("BUY", "MKT", quantity: 1, extra: ["outsideRTH": .bool(true)])))
        #expect(harness.status(waiting)["order_status"] == .string("PreSubmitted"))
        #expect(harness.status(early)["order_status"] == .string("Filled"))
        for _ in 0..<90 {
            harness.twin.advance(seconds: 60)
            _ = harness.post("/tickle")
        }
        #expect(harness.status(waiting)["order_status"] == .string("Filled"))
    }
}

@Suite("Twin matching engine: more directions")
struct MoreOrderTests {
    typealias H = TwinHarness

    @Test("a trailing buy stop ratchets down only, then fires on the way up")
    func trailingBuy() throws {
        let harness = TwinHarness()
        let extra: [String: TwinJSON] = ["trailingAmt": .float(1), "trailingType": .string("amt")]
        let orderId = try #require(harness.placeOne(H.order("BUY", "TRAIL", quantity: 1, extra: extra)))
        #expect(harness.status(orderId)["stop_price"] == .string("191.00"))
        harness.twin.setPrice(conid: 265598, last: 185)
        #expect(harness.status(orderId)["stop_price"] == .string("186.00"))
        harness.twin.setPrice(conid: 265598, last: dec("185.50"))
        #expect(harness.status(orderId)["stop_price"] == .string("186.00"))
        harness.twin.setPrice(conid: 265598, last: 186)
        #expect(harness.status(orderId)["order_status"] == .string("Filled"))
    }

    @Test("a sell stop-limit triggers on the way down and fills at or above its limit")
    func sellStopLimit() throws {
        let harness = TwinHarness()
        _ = harness.place([.object(H.order("BUY", "MKT", quantity: 2))])
        let orderId = try #require(
            harness.placeOne(
                H.order("SELL", "STOP_LIMIT", quantity: 2, extra: ["price": .float(186), "auxPrice": .float(187)])))
        harness.twin.setPrice(conid: 265598, last: dec("186.50"))
        #expect(harness.status(orderId)["order_status"] == .string("Filled"))
        #expect(harness.status(orderId)["average_price"] == .string("186.49"))
    }

    @Test("working rows show filled/total in sizeAndFills while liquidity fills in parts")
    func partialSizeAndFills() throws {
        var instrument = TwinInstrument.builtIn[0]
        instrument.liquidityPerUpdate = 40
        let harness = TwinHarness(TwinConfiguration(instruments: [instrument]))
        let orderId = try #require(
            harness.placeOne(H.order("BUY", "LMT", quantity: 100, extra: ["price": .float(189)])))
        #expect(harness.status(orderId)["size_and_fills"] == .string("0/100"))
        harness.twin.setPrice(conid: 265598, last: dec("188.90"))
        let row = try #require(harness.liveOrders().first)
        #expect(row["sizeAndFills"] == .string("40/100"))
        #expect(row["remainingQuantity"]?.decimalValue == 60)
        harness.twin.setPrice(conid: 265598, last: dec("188.90"))
        harness.twin.setPrice(conid: 265598, last: dec("188.90"))
        #expect(harness.status(orderId)["order_status"] == .string("Filled"))
        #expect(harness.get("/iserver/account/trades").json.arrayValue?.count == 3)
        // One order, one minimum: 100 shares cost 1.00 in total, charged on the first execution.
        #expect(harness.twin.orders().first?.commission == 1)
    }
}

@Suite("Twin fractional sizes outside regular hours")
struct FractionalHoursTests {
    @Test("a fractional order outside regular hours asks o2165 and waits for the open even with outsideRTH")
    func fractionalOutsideHours() throws {
        // 2026-01-06 08:00 New York: extended hours.
        let harness = TwinHarness(start: Date(timeIntervalSince1970: 1_767_704_400))
        let order = TwinHarness.order("BUY", "MKT", quantity: dec("0.5"), extra: ["outsideRTH": .bool(true)])
        let asked = harness.place([.object(order)], confirm: false)
        #expect(asked.json[0]?["messageIds"] == .array([.string("o2165")]))
        let orderId = try #require(harness.placeOne(order))
        #expect(harness.status(orderId)["order_status"] == .string("PreSubmitted"))
        for _ in 0..<90 {
            harness.twin.advance(seconds: 60)
            _ = harness.post("/tickle")
        }
        #expect(harness.status(orderId)["order_status"] == .string("Filled"))
    }
}
