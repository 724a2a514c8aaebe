import FoundationEssentials
import MCPKit
import TradingDomain
import TradingSafety

/// The steps every order tool shares once its arguments are checked: confirmation for live money, then the
/// guarded placement, rendered with the environment.
enum OrderFlow {
    static func summary(_ order: OrderRequest) -> String {
        "\(OrderFingerprint(order: order).summary) \(order.timeInForce.rawValue)"
    }

    static func summary(_ bracket: BracketRequest) -> String {
        "\(OrderFingerprint(bracket: bracket).summary) entry \(bracket.entryTimeInForce.rawValue), exits GTC"
    }

    static func place(
        _ order: OrderRequest, tool: String, environment: ToolEnvironment, context: ToolContext,
        arguments: ToolArguments, broker: GuardedBroker
    ) async throws -> JSONValue {
        try await LiveConfirmation.check(
            environment, context: context, tool: tool, summary: summary(order), subject: .order(order))
        return Render.placement(try await broker.place(order), environment: environment)
    }

    /// Builds a request, turning the domain's rule violations into argument errors.
    static func request(
        _ symbol: Symbol, _ side: OrderSide, _ size: OrderSize, _ type: OrderType, _ timeInForce: TimeInForce
    ) throws -> OrderRequest {
        try OrderRequest(symbol: symbol, side: side, size: size, type: type, timeInForce: timeInForce)
    }

    /// The order `buy` or `preview_order` describes: exactly one of cash_amount and quantity, a limit only with a
    /// quantity.
    static func sized(
        _ arguments: ToolArguments, symbol: Symbol, side: OrderSide
    ) throws -> OrderRequest {
        let cash = try arguments.decimal("cash_amount", .cash)
        let quantity = try arguments.decimal("quantity", .quantity)
        let limit = try arguments.decimal("limit_price", .price)
        let type: OrderType = limit.map { .limit($0) } ?? .market
        switch (cash, quantity) {
        case (nil, nil):
            throw ToolFailure.invalid("quantity", "give exactly one of quantity and cash_amount (got neither)")
        case (_?, _?):
            throw ToolFailure.invalid("cash_amount", "give exactly one of quantity and cash_amount (got both)")
        case (let cash?, nil):
            guard side == .buy else {
                throw ToolFailure.invalid("cash_amount", "only a BUY can be sized by cash; size a SELL by quantity")
            }
            guard limit == nil else {
                throw ToolFailure.invalid(
                    "cash_amount", "LIMIT orders use quantity, not cash_amount (cash sizing is market-only)")
            }
            return try request(symbol, side, .cash(cash), type, .day)
        case (nil, let quantity?):
            return try request(symbol, side, .quantity(quantity), type, .day)
        }
    }

    static let sizingArguments: [String: JSONValue] = [
        "symbol": ToolFactory.symbol(),
        "cash_amount": ToolFactory.optionalNumber(
            "US dollars to spend (market BUY only): 50 means $50.00, not 50 cents; at most 2 decimals."),
        "quantity": ToolFactory.optionalNumber("Number of shares (fractions up to 4 decimals)."),
        "limit_price": ToolFactory.optionalNumber("Limit price; omit for a market order. Needs quantity."),
    ]
}
