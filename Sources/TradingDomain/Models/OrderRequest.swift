import FoundationEssentials

/// One order as the agent asked for it, validated at construction: a request that exists is well-formed.
///
/// Rules (each broken rule throws `TradingError.invalidRequest` naming the field):
/// - `quantity` is a positive number; `cashAmount` is positive and in whole cents;
/// - `cashAmount` only for a market BUY (IBKR takes cashQty on market buys only);
/// - every price is a positive number; a trailing percentage lies strictly between 0 and 100;
/// - `outsideRegularHours` only for priced orders (a market order cannot work outside regular hours).
public struct OrderRequest: Sendable, Hashable {
    public let symbol: Symbol
    public let side: OrderSide
    public let size: OrderSize
    public let type: OrderType
    public let timeInForce: TimeInForce
    /// Lets the order work outside regular trading hours (IBKR's outsideRTH).
    public let outsideRegularHours: Bool

    public init(
        symbol: Symbol,
        side: OrderSide,
        size: OrderSize,
        type: OrderType = .market,
        timeInForce: TimeInForce = .day,
        outsideRegularHours: Bool = false
    ) throws(TradingError) {
        try size.validate()
        try type.validate()
        if case .cash = size {
            guard side == .buy else {
                throw TradingError.invalid(
                    "cashAmount", "only a BUY can be sized by cash; size a SELL by quantity",
                    hint: "IBKR refuses cash quantities on sells")
            }
            guard type == .market else {
                throw TradingError.invalid(
                    "cashAmount", "only a market order can be sized by cash, not a \(type.kind.rawValue) order",
                    hint: "give a quantity for priced orders")
            }
        }
        if outsideRegularHours && type == .market {
            throw TradingError.invalid(
                "outsideRegularHours", "a market order cannot work outside regular hours; use a limit or stop order")
        }
        self.symbol = symbol
        self.side = side
        self.size = size
        self.type = type
        self.timeInForce = timeInForce
        self.outsideRegularHours = outsideRegularHours
    }

    /// The share count, when sized by quantity.
    public var quantity: Decimal? { size.quantity }

    /// The cash amount, when sized by cash.
    public var cashAmount: Decimal? { size.cashAmount }
}
