/// Buy or sell.
public enum OrderSide: String, Sendable, Hashable, Codable, CaseIterable {
    case buy = "BUY"
    case sell = "SELL"

    /// The other side (a buy's exits are sells).
    public var opposite: OrderSide { self == .buy ? .sell : .buy }
}
