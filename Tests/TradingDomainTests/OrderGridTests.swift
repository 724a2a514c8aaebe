import Foundation
import Testing

@testable import TradingDomain

/// An order moved onto the contract's grid the way the IBKR adapter's tickets round it, so the guards see what
/// is sent.
@Suite("OrderGrid")
struct OrderGridTests {
    static let cent = OrderGrid(priceTick: Decimal(string: "0.01")!, quantityDecimals: 4)

    static func order(
        _ side: OrderSide, _ quantity: String, _ type: OrderType, tif: TimeInForce = .day
    ) throws -> OrderRequest {
        try OrderRequest(
            symbol: Symbol("AAPL"), side: side, size: .quantity(Decimal(string: quantity)!), type: type,
            timeInForce: tif)
    }

    static func price(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test(
        "prices: a buy limit rounds down, a sell limit up, stops and trail amounts to the nearest tick",
        arguments: [
            (OrderSide.buy, OrderType.limit(price("150.009")), OrderType.limit(price("150.00"))),
            (.sell, .limit(price("150.001")), .limit(price("150.01"))),
            (.sell, .stop(trigger: price("149.995")), .stop(trigger: price("150.00"))),
            (
                .buy, .stopLimit(trigger: price("150.004"), limit: price("150.559")),
                .stopLimit(trigger: price("150.00"), limit: price("150.55"))
            ),
            (.sell, .trailing(.amount(price("1.237"))), .trailing(.amount(price("1.24")))),
            (.sell, .trailing(.percent(price("2.555"))), .trailing(.percent(price("2.56")))),
            (.buy, .market, .market),
        ])
    func prices(side: OrderSide, type: OrderType, expected: OrderType) throws {
        let sent = try Self.cent.normalized(try Self.order(side, "1", type))
        #expect(sent.type == expected)
    }

    @Test("a sell's quantity rounds down to the allowed decimals; a buy's is left for the adapter to judge")
    func quantities() throws {
        let sell = try Self.cent.normalized(try Self.order(.sell, "1.23456", .market))
        #expect(sell.quantity == Self.price("1.2345"))
        let buy = try Self.cent.normalized(try Self.order(.buy, "1.23456", .market))
        #expect(buy.quantity == Self.price("1.23456"))
        let whole = OrderGrid(priceTick: Self.price("0.01"), quantityDecimals: 0)
        #expect(throws: TradingError.self) { _ = try whole.normalized(try Self.order(.sell, "0.5", .market)) }
    }

    @Test("time in force survives; a price rounding to zero is refused by name")
    func keepsTheRest() throws {
        let stop = try Self.order(.sell, "3", .stop(trigger: Self.price("45.004")), tif: .goodTillCancelled)
        #expect(try Self.cent.normalized(stop).timeInForce == .goodTillCancelled)
        do {
            _ = try Self.cent.normalized(try Self.order(.buy, "1", .limit(Self.price("0.004"))))
            Issue.record("a zero limit was accepted")
        } catch {
            #expect((error as? TradingError)?.field == "limitPrice")
        }
    }

    @Test("orders already on the grid are contained (no rules read needed); off-grid ones are not")
    func contains() throws {
        #expect(OrderGrid.usStock.contains(try Self.order(.buy, "2", .limit(150))))
        #expect(OrderGrid.usStock.contains(try Self.order(.sell, "0.5526", .market)))
        #expect(!OrderGrid.usStock.contains(try Self.order(.buy, "1", .limit(Self.price("150.001")))))
        #expect(!OrderGrid.usStock.contains(try Self.order(.sell, "0.12345", .market)))
    }

    @Test("a bracket rounds its entry by its side and its take-profit by the exits' side")
    func bracket() throws {
        let bracket = try BracketRequest(
            symbol: Symbol("AAPL"), side: .buy, quantity: 2, entry: .limit(Self.price("150.009")),
            takeProfit: Self.price("160.001"), stopLoss: Self.price("140.004"))
        let sent = try Self.cent.normalized(bracket)
        #expect(sent.entry == .limit(Self.price("150.00")))
        #expect(sent.takeProfit == Self.price("160.01"))
        #expect(sent.stopLoss == Self.price("140.00"))
    }
}
