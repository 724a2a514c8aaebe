import FoundationEssentials

/// An order's type together with the prices that type needs, so a limit order without a limit price (or a market
/// order with one) cannot be written down.
public enum OrderType: Sendable, Hashable {
    /// At the market (MKT).
    case market
    /// At `limit` or better (LMT).
    case limit(Decimal)
    /// A market order once the price reaches `trigger` (STP).
    case stop(trigger: Decimal)
    /// A limit order at `limit` once the price reaches `trigger` (STOP_LIMIT).
    case stopLimit(trigger: Decimal, limit: Decimal)
    /// A stop that follows the market by `offset` (TRAIL).
    case trailing(TrailingOffset)

    /// The type without its prices, as the broker and the journal spell it.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case market = "MKT"
        case limit = "LMT"
        case stop = "STP"
        case stopLimit = "STOP_LIMIT"
        case trailing = "TRAIL"
    }

    public var kind: Kind {
        switch self {
        case .market: return .market
        case .limit: return .limit
        case .stop: return .stop
        case .stopLimit: return .stopLimit
        case .trailing: return .trailing
        }
    }

    /// The limit price, for LMT and STOP_LIMIT.
    public var limitPrice: Decimal? {
        switch self {
        case .limit(let price): return price
        case .stopLimit(_, let limit): return limit
        case .market, .stop, .trailing: return nil
        }
    }

    /// The stop trigger, for STP and STOP_LIMIT.
    public var stopPrice: Decimal? {
        switch self {
        case .stop(let trigger): return trigger
        case .stopLimit(let trigger, _): return trigger
        case .market, .limit, .trailing: return nil
        }
    }

    /// The trailing offset, for TRAIL.
    public var trailingOffset: TrailingOffset? {
        if case .trailing(let offset) = self { return offset }
        return nil
    }

    /// True for the stop family (STP, STOP_LIMIT, TRAIL): the orders that protect a position.
    public var isStopFamily: Bool {
        switch self {
        case .stop, .stopLimit, .trailing: return true
        case .market, .limit: return false
        }
    }

    /// Checks every price: each must be a finite number above zero.
    func validate() throws(TradingError) {
        switch self {
        case .market:
            return
        case .limit(let price):
            try DecimalRules.requirePositive(price, field: "limitPrice")
        case .stop(let trigger):
            try DecimalRules.requirePositive(trigger, field: "stopPrice")
        case .stopLimit(let trigger, let limit):
            try DecimalRules.requirePositive(trigger, field: "stopPrice")
            try DecimalRules.requirePositive(limit, field: "limitPrice")
        case .trailing(let offset):
            try offset.validate()
        }
    }
}
