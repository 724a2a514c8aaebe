import Foundation
import Testing
import TradingDomain

@testable import TradingSafety

/// `ExposurePositions` on its own: when a positions read may stand for the next decision on a symbol.
@Suite("Positions reused for decisions")
struct ExposurePositionsTests {
    static let start = Date(timeIntervalSince1970: 1_767_711_600)

    static func order(
        _ id: Int, _ symbol: String, filled: Decimal = 0, status: OrderStatus = .submitted
    ) throws -> Order {
        Order(
            orderID: OrderID(id), symbol: try Symbol(symbol), side: .sell, typeKind: .stop, status: status,
            quantity: 2, filledQuantity: filled)
    }

    static func read(reuse: TimeInterval = 5) throws -> ExposurePositions {
        var memory = ExposurePositions(reuse: reuse)
        memory.remember(
            [Position(symbol: try Symbol("AAPL"), quantity: 3), Position(symbol: try Symbol("KO"), quantity: 4)],
            at: start)
        return memory
    }

    @Test("a read stands for its reuse window and not after; reuse 0 never reuses")
    func window() throws {
        let memory = try Self.read()
        let aapl = try Symbol("AAPL")
        #expect(memory.positions(for: aapl, at: Self.start.addingTimeInterval(5))?.count == 2)
        #expect(memory.positions(for: aapl, at: Self.start.addingTimeInterval(5.1)) == nil)
        // A clock that stepped back proves nothing.
        #expect(memory.positions(for: aapl, at: Self.start.addingTimeInterval(-1)) == nil)
        #expect(try Self.read(reuse: 0).positions(for: aapl, at: Self.start) == nil)
    }

    @Test("a fill seen after the read stops reuse for its symbol only")
    func fillSeen() throws {
        var memory = try Self.read()
        let now = Self.start.addingTimeInterval(1)
        memory.observe([try Self.order(1, "AAPL")], complete: true)
        #expect(memory.positions(for: try Symbol("AAPL"), at: now) != nil)
        memory.observe([try Self.order(1, "AAPL", filled: 1)], complete: false)
        #expect(memory.positions(for: try Symbol("AAPL"), at: now) == nil)
        #expect(memory.positions(for: try Symbol("KO"), at: now) != nil)
        // A fresh read measures against the fills seen so far: the same fill seen again changes nothing.
        memory.remember([], at: now)
        memory.observe([try Self.order(1, "AAPL", filled: 1)], complete: true)
        #expect(memory.positions(for: try Symbol("AAPL"), at: now) != nil)
    }

    @Test("an order first seen with a fill, or a working order gone from a full listing, may have moved the position")
    func unseenOrVanished() throws {
        let now = Self.start.addingTimeInterval(1)
        var memory = try Self.read()
        memory.observe([try Self.order(7, "KO", filled: 2, status: .filled)], complete: true)
        #expect(memory.positions(for: try Symbol("KO"), at: now) == nil)

        memory = try Self.read()
        memory.observe([try Self.order(1, "AAPL"), try Self.order(2, "KO")], complete: true)
        // A single status answer is not a listing: order 2 missing from it means nothing.
        memory.observe([try Self.order(1, "AAPL")], complete: false)
        #expect(memory.positions(for: try Symbol("KO"), at: now) != nil)
        memory.observe([try Self.order(1, "AAPL")], complete: true)
        #expect(memory.positions(for: try Symbol("KO"), at: now) == nil)
        #expect(memory.positions(for: try Symbol("AAPL"), at: now) != nil)
    }

    @Test("Valet's own sends: a working ack keeps the read, a filled or unknown one does not; no symbol forgets all")
    func ownSends() throws {
        let now = Self.start.addingTimeInterval(1)
        let aapl = try Symbol("AAPL")
        var memory = try Self.read()
        memory.sent([OrderAck(orderID: OrderID(5), status: .submitted)], on: aapl)
        #expect(memory.positions(for: aapl, at: now) != nil)
        // The working sell then leaves a full listing: filled, perhaps.
        memory.observe([], complete: true)
        #expect(memory.positions(for: aapl, at: now) == nil)

        memory = try Self.read()
        memory.sent([OrderAck(orderID: OrderID(6), status: .unknown)], on: aapl)
        #expect(memory.positions(for: aapl, at: now) == nil)

        memory = try Self.read()
        memory.observe([Order(orderID: OrderID(8), status: .filled, filledQuantity: 1)], complete: false)
        #expect(memory.positions(for: try Symbol("KO"), at: now) == nil)
    }
}
