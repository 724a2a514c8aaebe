import Foundation
import Testing

@testable import TradingDomain

@Suite("OrderRequest construction rules")
struct OrderRequestTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let side: OrderSide
        let size: OrderSize
        let type: OrderType
        var outsideRegularHours = false
        /// Nil when the request must be accepted; else the field the error must name.
        let rejectedField: String?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "market buy by cash", side: .buy, size: .cash(50), type: .market, rejectedField: nil),
        Row(name: "market buy by quantity", side: .buy, size: .quantity(1), type: .market, rejectedField: nil),
        Row(
            name: "fractional sell", side: .sell, size: .quantity(Decimal(string: "0.0066")!), type: .market,
            rejectedField: nil),
        Row(name: "limit buy", side: .buy, size: .quantity(2), type: .limit(150), rejectedField: nil),
        Row(name: "stop sell", side: .sell, size: .quantity(2), type: .stop(trigger: 140), rejectedField: nil),
        Row(
            name: "stop limit", side: .sell, size: .quantity(2), type: .stopLimit(trigger: 140, limit: 139),
            rejectedField: nil),
        Row(name: "trail by amount", side: .sell, size: .quantity(2), type: .trailing(.amount(3)), rejectedField: nil),
        Row(
            name: "trail by percent", side: .sell, size: .quantity(2), type: .trailing(.percent(5)), rejectedField: nil),
        Row(
            name: "limit outside hours", side: .buy, size: .quantity(1), type: .limit(10), outsideRegularHours: true,
            rejectedField: nil),
        Row(name: "cash sell", side: .sell, size: .cash(50), type: .market, rejectedField: "cashAmount"),
        Row(name: "cash limit buy", side: .buy, size: .cash(50), type: .limit(10), rejectedField: "cashAmount"),
        Row(
            name: "cash fractions of a cent", side: .buy, size: .cash(Decimal(string: "10.005")!), type: .market,
            rejectedField: "cashAmount"),
        Row(name: "zero cash", side: .buy, size: .cash(0), type: .market, rejectedField: "cashAmount"),
        Row(name: "zero quantity", side: .buy, size: .quantity(0), type: .market, rejectedField: "quantity"),
        Row(name: "negative quantity", side: .sell, size: .quantity(-1), type: .market, rejectedField: "quantity"),
        Row(name: "NaN quantity", side: .sell, size: .quantity(.nan), type: .market, rejectedField: "quantity"),
        Row(name: "negative limit", side: .buy, size: .quantity(1), type: .limit(-1), rejectedField: "limitPrice"),
        Row(name: "zero stop", side: .sell, size: .quantity(1), type: .stop(trigger: 0), rejectedField: "stopPrice"),
        Row(
            name: "stop limit without a valid limit", side: .sell, size: .quantity(1),
            type: .stopLimit(trigger: 10, limit: 0), rejectedField: "limitPrice"),
        Row(
            name: "trail percent 100", side: .sell, size: .quantity(1), type: .trailing(.percent(100)),
            rejectedField: "trailPercent"),
        Row(
            name: "trail amount 0", side: .sell, size: .quantity(1), type: .trailing(.amount(0)),
            rejectedField: "trailAmount"),
        Row(
            name: "market outside hours", side: .buy, size: .quantity(1), type: .market, outsideRegularHours: true,
            rejectedField: "outsideRegularHours"),
    ]

    @Test("accepts valid requests and names the field of an invalid one", arguments: rows)
    func construction(row: Row) throws {
        let symbol = try Symbol("aapl")
        do {
            let request = try OrderRequest(
                symbol: symbol, side: row.side, size: row.size, type: row.type,
                outsideRegularHours: row.outsideRegularHours)
            #expect(row.rejectedField == nil, "expected a rejection naming \(row.rejectedField ?? "")")
            #expect(request.symbol.value == "AAPL")
        } catch {
            #expect(error.code == .invalidRequest)
            #expect(error.field == row.rejectedField)
            if let field = row.rejectedField { #expect(error.message.hasPrefix(field + ":")) }
        }
    }

    @Test(
        "symbols are normalised and validated",
        arguments: [
            ("  brk.b ", "BRK.B"), ("aapl", "AAPL"), ("", nil), ("AAPL;DROP", nil), ("ABCDEFGHIJKLM", nil),
        ] as [(String, String?)])
    func symbols(raw: String, expected: String?) {
        let symbol = try? Symbol(raw)
        #expect(symbol?.value == expected)
    }

    @Test("an empty account id is refused")
    func emptyAccount() {
        #expect(throws: TradingError.self) { try AccountID("  ") }
    }

    @Test("a trailing percentage measures from the price")
    func trailingDistance() {
        #expect(TrailingOffset.percent(5).distance(from: 200) == 10)
        #expect(TrailingOffset.amount(3).distance(from: 200) == 3)
    }

    @Test("bracket leg ids derive from the entry id")
    func childIDs() throws {
        let id = try ClientOrderID("abc")
        #expect(id.child(.takeProfit).value == "abc-tp")
        #expect(id.child(.stopLoss).value == "abc-sl")
        #expect(id.child(.entry) == id)
        let long = try ClientOrderID(String(repeating: "x", count: 64))
        #expect(long.child(.stopLoss).value.count == 64)
        #expect(long.child(.stopLoss).value.hasSuffix("-sl"))
    }
}
