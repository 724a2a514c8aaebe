import Foundation
import Testing

@testable import GatewayTwin

@Suite("Twin brackets, cancel, modify and duplicate cOIDs")
struct BracketAndOrderControlTests {
    typealias H = TwinHarness

    static func bracket(parentType: String = "MKT", parentPrice: Decimal? = nil) -> [TwinJSON] {
        var parent = H.order("BUY", parentType, quantity: 100, extra: ["cOID": .string("entry-1")])
        if let parentPrice { parent["price"] = .float(parentPrice) }
        return [
            .object(parent),
            .object(
                H.order(
                    "SELL", "LMT", quantity: 100,
                    extra: ["price": .float(195), "tif": .string("GTC"), "parentId": .string("entry-1")])),
            .object(
                H.order(
                    "SELL", "STP", quantity: 100,
                    extra: ["price": .float(185), "tif": .string("GTC"), "parentId": .string("entry-1")])),
        ]
    }

    func ids(_ answer: TwinHarness.Answer) -> [Int] {
        (answer.json.arrayValue ?? []).compactMap { $0["order_id"]?.stringValue.flatMap(Int.init) }
    }

    @Test("children wait for the parent, then a take-profit fill cancels the stop-loss")
    func bracketOCA() throws {
        let harness = TwinHarness()
        let answer = harness.place(Self.bracket(parentType: "LMT", parentPrice: 189))
        let placed = ids(answer)
        try #require(placed.count == 3)
        #expect(answer.json[1]?["oca_group_id"] == answer.json[2]?["oca_group_id"])
        #expect(harness.status(placed[1])["order_status"] == .string("PreSubmitted"))
        harness.twin.setPrice(conid: 265598, last: dec("188.90"))
        #expect(harness.status(placed[0])["order_status"] == .string("Filled"))
        #expect(harness.status(placed[2])["order_status"] == .string("PreSubmitted"))
        harness.twin.setPrice(conid: 265598, last: 196)
        #expect(harness.status(placed[1])["order_status"] == .string("Filled"))
        #expect(harness.status(placed[2])["order_status"] == .string("Cancelled"))
        #expect(harness.twin.position(conid: 265598).quantity == 0)
        #expect(harness.twin.workingOrderCount == 0)
    }

    @Test("a partial fill of one leg reduces the other")
    func partialFillReducesSibling() throws {
        var instrument = TwinInstrument.builtIn[0]
        instrument.liquidityPerUpdate = 30
        let harness = TwinHarness(TwinConfiguration(instruments: [instrument]))
        let placed = ids(harness.place(Self.bracket()))
        try #require(placed.count == 3)
        for _ in 0..<4 { harness.twin.setPrice(conid: 265598, last: 190) }
        #expect(harness.status(placed[0])["order_status"] == .string("Filled"))
        harness.twin.setPrice(conid: 265598, last: 196)
        let takeProfit = harness.status(placed[1])
        #expect(takeProfit["cum_fill"] == .string("30.0"))
        let stopLoss = harness.status(placed[2])
        #expect(stopLoss["total_size"] == .string("70.0"))
        #expect(stopLoss["order_status"] == .string("PreSubmitted"))
    }

    @Test("cancelling one bracket leg cancels its sibling; -1 cancels everything")
    func cancels() throws {
        let harness = TwinHarness()
        let placed = ids(harness.place(Self.bracket()))
        try #require(placed.count == 3)
        let answer = harness.send("DELETE", "/iserver/account/DU1234567/order/\(placed[1])")
        #expect(answer.json["msg"] == .string("Request was submitted"))
        #expect(answer.json["order_id"] == .int(placed[1]))
        #expect(harness.status(placed[2])["order_status"] == .string("Cancelled"))
        _ = harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(185)]))
        _ = harness.placeOne(H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(186)]))
        #expect(harness.twin.workingOrderCount == 2)
        let all = harness.send("DELETE", "/iserver/account/DU1234567/order/-1")
        #expect(all.json["order_id"] == .int(-1))
        #expect(harness.twin.workingOrderCount == 0)
        let missing = harness.send("DELETE", "/iserver/account/DU1234567/order/42")
        #expect(missing.text == #"{"error":"OrderID 42 doesn't exist"}"#)
    }

    @Test("modify moves a resting limit, which can then fill")
    func modify() throws {
        let harness = TwinHarness()
        let orderId = try #require(harness.placeOne(H.order("BUY", "LMT", quantity: 2, extra: ["price": .float(189)])))
        let answer = harness.post(
            "/iserver/account/DU1234567/order/\(orderId)",
            .object(H.order("BUY", "LMT", quantity: 2, extra: ["price": .float(dec("190.05"))])))
        #expect(answer.json[0]?["order_id"] == .string(String(orderId)))
        #expect(harness.status(orderId)["order_status"] == .string("Filled"))
    }

    @Test("a cOID can be used once")
    func duplicateCOID() {
        let harness = TwinHarness()
        let order = H.order("BUY", "LMT", quantity: 1, extra: ["price": .float(185), "cOID": .string("dup")])
        #expect(harness.placeOne(order) != nil)
        let again = harness.place([.object(order)])
        #expect(again.text == #"{"error":"Order couldn't be submitted: Local order ID=dup is already registered."}"#)
    }
}

@Suite("Twin OCA groups")
struct OCAGroupTests {
    @Test("orders sent together with isSingleGroup cancel each other on a fill")
    func singleGroup() throws {
        let harness = TwinHarness()
        let group: [String: TwinJSON] = ["isSingleGroup": .bool(true), "tif": .string("GTC")]
        let answer = harness.place([
            .object(TwinHarness.order("BUY", "LMT", quantity: 1, extra: group.merging(["price": .float(189)]) { $1 })),
            .object(TwinHarness.order("BUY", "LMT", quantity: 1, extra: group.merging(["price": .float(188)]) { $1 })),
        ])
        let ids = (answer.json.arrayValue ?? []).compactMap { $0["order_id"]?.stringValue.flatMap(Int.init) }
        try #require(ids.count == 2)
        harness.twin.setPrice(conid: 265598, last: dec("188.95"))
        #expect(harness.status(ids[0])["order_status"] == .string("Filled"))
        #expect(harness.status(ids[1])["order_status"] == .string("Cancelled"))
    }
}
