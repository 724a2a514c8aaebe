import Foundation
import Testing

@testable import TradingDomain

@Suite("BracketRequest ordering rules")
struct BracketRequestTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let side: OrderSide
        let entry: OrderType
        let takeProfit: Decimal
        let stopLoss: Decimal
        let rejectedField: String?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "BUY market", side: .buy, entry: .market, takeProfit: 110, stopLoss: 90, rejectedField: nil),
        Row(name: "BUY limit", side: .buy, entry: .limit(100), takeProfit: 110, stopLoss: 90, rejectedField: nil),
        Row(
            name: "BUY tp below sl", side: .buy, entry: .market, takeProfit: 90, stopLoss: 110,
            rejectedField: "takeProfit"),
        Row(
            name: "BUY tp at the limit", side: .buy, entry: .limit(110), takeProfit: 110, stopLoss: 90,
            rejectedField: "takeProfit"),
        Row(
            name: "BUY sl at the limit", side: .buy, entry: .limit(90), takeProfit: 110, stopLoss: 90,
            rejectedField: "stopLoss"),
        Row(name: "SELL market", side: .sell, entry: .market, takeProfit: 90, stopLoss: 110, rejectedField: nil),
        Row(name: "SELL limit", side: .sell, entry: .limit(100), takeProfit: 90, stopLoss: 110, rejectedField: nil),
        Row(
            name: "SELL mirrored wrongly", side: .sell, entry: .market, takeProfit: 110, stopLoss: 90,
            rejectedField: "takeProfit"),
        Row(
            name: "SELL sl under the limit", side: .sell, entry: .limit(111), takeProfit: 90, stopLoss: 110,
            rejectedField: "stopLoss"),
        Row(
            name: "stop entry", side: .buy, entry: .stop(trigger: 100), takeProfit: 110, stopLoss: 90,
            rejectedField: "entry"),
        Row(
            name: "negative stop loss", side: .sell, entry: .market, takeProfit: 90, stopLoss: -1,
            rejectedField: "stopLoss"),
    ]

    @Test("take-profit, entry limit and stop-loss are ordered by side", arguments: rows)
    func ordering(row: Row) throws {
        do {
            let bracket = try BracketRequest(
                symbol: Symbol("SPY"), side: row.side, quantity: 3, entry: row.entry, takeProfit: row.takeProfit,
                stopLoss: row.stopLoss)
            #expect(row.rejectedField == nil)
            #expect(bracket.takeProfitOrder.side == row.side.opposite)
            #expect(bracket.takeProfitOrder.timeInForce == .goodTillCancelled)
            #expect(bracket.stopLossOrder.type == .stop(trigger: row.stopLoss))
            #expect(bracket.entryOrder.type == row.entry)
        } catch {
            #expect(error.code == .invalidRequest)
            #expect(error.field == row.rejectedField)
        }
    }

    @Test("a bracket is sized by a positive quantity")
    func quantity() {
        #expect(throws: TradingError.self) {
            try BracketRequest(symbol: Symbol("SPY"), side: .buy, quantity: 0, takeProfit: 2, stopLoss: 1)
        }
    }
}
