import Foundation
import Testing
import TradingDomain

@testable import IBKRAdapter

/// The guards round an order with `OrderGrid` before they check and journal it; the adapter's tickets round it
/// again as a last defence. The two must agree, so the ticket of a normalized order is the ticket of the
/// original: what the journal records is what IBKR receives.
@Suite("Guards' grid agrees with the tickets")
struct GridAgreementTests {
    static func price(_ text: String) -> Decimal { Decimal(string: text)! }

    static let orders: [(OrderSide, String, OrderType)] = [
        (.buy, "1", .limit(price("150.001"))),
        (.buy, "1", .limit(price("150.009"))),
        (.sell, "1.23456", .limit(price("150.001"))),
        (.sell, "2", .stop(trigger: price("149.995"))),
        (.buy, "3", .stopLimit(trigger: price("150.004"), limit: price("150.559"))),
        (.sell, "0.55261", .market),
        (.sell, "4", .trailing(.amount(price("1.237")))),
        (.sell, "4", .trailing(.percent(price("2.555")))),
    ]

    @Test("the ticket of the normalized order equals the ticket of the original", arguments: orders)
    func agree(side: OrderSide, quantity: String, type: OrderType) async throws {
        let order = try OrderRequest(
            symbol: Symbol("AAPL"), side: side, size: .quantity(Decimal(string: quantity)!), type: type)
        let rules = TicketTests.rules
        let grid = OrderGrid(priceTick: rules.priceTick ?? 0, quantityDecimals: rules.fractionDecimals)
        let tests = TicketTests()
        let original = try await tests.json(order, rules: rules)
        let normalized = try await tests.json(try grid.normalized(order), rules: rules)
        #expect(original == normalized)
    }
}
