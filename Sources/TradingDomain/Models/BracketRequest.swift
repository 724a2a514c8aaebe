import FoundationEssentials

/// An entry order with two exits that cancel each other: a take-profit limit and a stop-loss. The exits are sent
/// good-till-cancelled so the protection outlives the trading day.
///
/// Rules (each broken rule throws `TradingError.invalidRequest` naming the field):
/// - sized by `quantity` (never cash), positive; prices positive;
/// - `entry` is a market or limit order;
/// - BUY: `takeProfit` > entry limit (if any) > `stopLoss`, and `takeProfit` > `stopLoss`;
/// - SELL: the mirror image, `takeProfit` < entry limit (if any) < `stopLoss`.
public struct BracketRequest: Sendable, Hashable {
    public let symbol: Symbol
    public let side: OrderSide
    public let quantity: Decimal
    /// `.market` or `.limit`.
    public let entry: OrderType
    public let takeProfit: Decimal
    public let stopLoss: Decimal
    /// Time in force of the entry; the exits are always GTC.
    public let entryTimeInForce: TimeInForce

    public init(
        symbol: Symbol,
        side: OrderSide,
        quantity: Decimal,
        entry: OrderType = .market,
        takeProfit: Decimal,
        stopLoss: Decimal,
        entryTimeInForce: TimeInForce = .day
    ) throws(TradingError) {
        try OrderSize.quantity(quantity).validate()
        switch entry {
        case .market, .limit: break
        default:
            throw TradingError.invalid(
                "entry", "a bracket entry must be a market or limit order, not \(entry.kind.rawValue)")
        }
        try entry.validate()
        try DecimalRules.requirePositive(takeProfit, field: "takeProfit")
        try DecimalRules.requirePositive(stopLoss, field: "stopLoss")
        try Self.checkOrdering(side: side, entryLimit: entry.limitPrice, takeProfit: takeProfit, stopLoss: stopLoss)
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.entry = entry
        self.takeProfit = takeProfit
        self.stopLoss = stopLoss
        self.entryTimeInForce = entryTimeInForce
    }

    private static func checkOrdering(
        side: OrderSide, entryLimit: Decimal?, takeProfit: Decimal, stopLoss: Decimal
    ) throws(TradingError) {
        switch side {
        case .buy:
            guard takeProfit > stopLoss else {
                throw TradingError.invalid(
                    "takeProfit", "for a BUY bracket must be above stopLoss (\(takeProfit) ≤ \(stopLoss))")
            }
            if let limit = entryLimit {
                guard takeProfit > limit else {
                    throw TradingError.invalid(
                        "takeProfit", "for a BUY bracket must be above the entry limit (\(takeProfit) ≤ \(limit))")
                }
                guard limit > stopLoss else {
                    throw TradingError.invalid(
                        "stopLoss", "for a BUY bracket must be below the entry limit (\(stopLoss) ≥ \(limit))")
                }
            }
        case .sell:
            guard takeProfit < stopLoss else {
                throw TradingError.invalid(
                    "takeProfit", "for a SELL bracket must be below stopLoss (\(takeProfit) ≥ \(stopLoss))")
            }
            if let limit = entryLimit {
                guard takeProfit < limit else {
                    throw TradingError.invalid(
                        "takeProfit", "for a SELL bracket must be below the entry limit (\(takeProfit) ≥ \(limit))")
                }
                guard limit < stopLoss else {
                    throw TradingError.invalid(
                        "stopLoss", "for a SELL bracket must be above the entry limit (\(stopLoss) ≤ \(limit))")
                }
            }
        }
    }

    /// The entry as a plain order (used for the entry's guards).
    public var entryOrder: OrderRequest {
        // The bracket's rules are stricter than OrderRequest's, so these parts are already valid.
        OrderRequest(
            validated: symbol, side: side, size: .quantity(quantity), type: entry, timeInForce: entryTimeInForce)
    }

    /// The take-profit exit: a GTC limit on the opposite side.
    public var takeProfitOrder: OrderRequest {
        OrderRequest(
            validated: symbol, side: side.opposite, size: .quantity(quantity), type: .limit(takeProfit),
            timeInForce: .goodTillCancelled)
    }

    /// The stop-loss exit: a GTC stop on the opposite side.
    public var stopLossOrder: OrderRequest {
        OrderRequest(
            validated: symbol, side: side.opposite, size: .quantity(quantity), type: .stop(trigger: stopLoss),
            timeInForce: .goodTillCancelled)
    }
}

extension OrderRequest {
    /// Builds a request from parts a stricter validation already accepted.
    init(validated symbol: Symbol, side: OrderSide, size: OrderSize, type: OrderType, timeInForce: TimeInForce) {
        self.symbol = symbol
        self.side = side
        self.size = size
        self.type = type
        self.timeInForce = timeInForce
        self.outsideRegularHours = false
    }
}
