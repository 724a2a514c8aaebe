import FoundationEssentials
import TradingDomain

/// The identity of an order for duplicate and resend checks: symbol, side, size, type and every price. Two limit
/// orders at different prices are different orders. Time in force is not part of it.
public struct OrderFingerprint: Sendable, Hashable, Codable {
    public var symbol: Symbol
    public var side: OrderSide
    public var orderType: OrderType.Kind
    public var quantity: Decimal?
    public var cashAmount: Decimal?
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    public var trailAmount: Decimal?
    public var trailPercent: Decimal?
    /// Bracket exits, part of a bracket's identity.
    public var takeProfit: Decimal?
    public var stopLoss: Decimal?

    public init(order: OrderRequest) {
        symbol = order.symbol
        side = order.side
        orderType = order.type.kind
        quantity = order.quantity
        cashAmount = order.cashAmount
        limitPrice = order.type.limitPrice
        stopPrice = order.type.stopPrice
        switch order.type.trailingOffset {
        case .amount(let value)?: trailAmount = value
        case .percent(let value)?: trailPercent = value
        case nil: break
        }
    }

    public init(bracket: BracketRequest) {
        self.init(order: bracket.entryOrder)
        takeProfit = bracket.takeProfit
        stopLoss = bracket.stopLoss
    }

    /// How the order reads to a person: `BUY 2 AAPL LMT 150`.
    public var summary: String {
        var parts = [side.rawValue]
        if let quantity { parts.append("\(quantity)") }
        if let cashAmount { parts.append("cash \(cashAmount) of") }
        parts.append(symbol.value)
        parts.append(orderType.rawValue)
        if let stopPrice { parts.append("stop \(stopPrice)") }
        if let limitPrice { parts.append("limit \(limitPrice)") }
        if let trailAmount { parts.append("trail \(trailAmount)") }
        if let trailPercent { parts.append("trail \(trailPercent)%") }
        if let takeProfit { parts.append("take-profit \(takeProfit)") }
        if let stopLoss { parts.append("stop-loss \(stopLoss)") }
        return parts.joined(separator: " ")
    }

    enum CodingKeys: String, CodingKey {
        case symbol, side
        case orderType = "order_type"
        case quantity
        case cashAmount = "cash_amount"
        case limitPrice = "limit_price"
        case stopPrice = "stop_price"
        case trailAmount = "trail_amount"
        case trailPercent = "trail_percent"
        case takeProfit = "take_profit"
        case stopLoss = "stop_loss"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try container.decode(Symbol.self, forKey: .symbol)
        side = try container.decode(OrderSide.self, forKey: .side)
        orderType = try container.decode(OrderType.Kind.self, forKey: .orderType)
        quantity = try container.decodeDecimal(forKey: .quantity)
        cashAmount = try container.decodeDecimal(forKey: .cashAmount)
        limitPrice = try container.decodeDecimal(forKey: .limitPrice)
        stopPrice = try container.decodeDecimal(forKey: .stopPrice)
        trailAmount = try container.decodeDecimal(forKey: .trailAmount)
        trailPercent = try container.decodeDecimal(forKey: .trailPercent)
        takeProfit = try container.decodeDecimal(forKey: .takeProfit)
        stopLoss = try container.decodeDecimal(forKey: .stopLoss)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(symbol, forKey: .symbol)
        try container.encode(side, forKey: .side)
        try container.encode(orderType, forKey: .orderType)
        try container.encodeDecimal(quantity, forKey: .quantity)
        try container.encodeDecimal(cashAmount, forKey: .cashAmount)
        try container.encodeDecimal(limitPrice, forKey: .limitPrice)
        try container.encodeDecimal(stopPrice, forKey: .stopPrice)
        try container.encodeDecimal(trailAmount, forKey: .trailAmount)
        try container.encodeDecimal(trailPercent, forKey: .trailPercent)
        try container.encodeDecimal(takeProfit, forKey: .takeProfit)
        try container.encodeDecimal(stopLoss, forKey: .stopLoss)
    }
}
