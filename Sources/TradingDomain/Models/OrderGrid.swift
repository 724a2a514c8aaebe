import FoundationEssentials

/// The prices and quantities an instrument accepts: prices on a multiple of `priceTick`, quantities with at most
/// `quantityDecimals` decimals (IBKR's `increment` and `fraqInt`).
///
/// `normalized` moves an order onto the grid the way the IBKR adapter rounds its tickets (the adapter keeps its
/// own rounding as a last defence, which then changes nothing): a BUY limit rounds down (never pays more than
/// asked), a SELL limit up (never sells for less), stop triggers and trailing amounts to the nearest tick, a
/// trailing percentage to 2 decimals; a SELL quantity rounds down (never sells more than asked); a BUY quantity
/// is left alone (the adapter refuses one the instrument cannot take exactly, rather than change it).
public struct OrderGrid: Sendable, Hashable {
    public var priceTick: Decimal
    public var quantityDecimals: Int

    public init(priceTick: Decimal, quantityDecimals: Int) {
        self.priceTick = priceTick
        self.quantityDecimals = quantityDecimals
    }

    /// The grid every US stock is on: a cent tick (stocks under $1 use a finer one) and 4 quantity decimals (at
    /// most; whole-share-only stocks refuse fractions outright). An order on this grid needs no rules read.
    public static let usStock = OrderGrid(priceTick: Decimal(string: "0.01") ?? 0.01, quantityDecimals: 4)

    /// True when every price and the quantity of `order` are already on `self`'s grid (rounding would change
    /// nothing). Orders on `usStock`'s grid are on every US stock's grid, so the guards skip the rules read.
    public func contains(_ order: OrderRequest) -> Bool {
        (try? normalized(order)) == order
    }

    /// True when the bracket's prices and quantity are already on the grid.
    public func contains(_ bracket: BracketRequest) -> Bool {
        (try? normalized(bracket)) == bracket
    }

    /// `order` moved onto the grid (see the type's rules).
    /// - Throws: `TradingError.invalidRequest` when a price or quantity rounds to zero (or breaks another rule).
    public func normalized(_ order: OrderRequest) throws(TradingError) -> OrderRequest {
        let size: OrderSize
        switch order.size {
        case .quantity(let quantity): size = .quantity(try self.quantity(quantity, side: order.side))
        case .cash: size = order.size
        }
        return try OrderRequest(
            symbol: order.symbol, side: order.side, size: size, type: type(order.type, side: order.side),
            timeInForce: order.timeInForce, outsideRegularHours: order.outsideRegularHours)
    }

    /// The bracket moved onto the grid: the entry limit by the bracket's side, the take-profit as a limit on the
    /// exits' side, the stop-loss to the nearest tick, the quantity as the entry's side rounds it.
    public func normalized(_ bracket: BracketRequest) throws(TradingError) -> BracketRequest {
        let exitSide = bracket.side.opposite
        return try BracketRequest(
            symbol: bracket.symbol, side: bracket.side, quantity: quantity(bracket.quantity, side: bracket.side),
            entry: type(bracket.entry, side: bracket.side), takeProfit: limit(bracket.takeProfit, side: exitSide),
            stopLoss: nearest(bracket.stopLoss), entryTimeInForce: bracket.entryTimeInForce)
    }

    private func quantity(_ quantity: Decimal, side: OrderSide) throws(TradingError) -> Decimal {
        guard side == .sell else { return quantity }
        let rounded = quantity.rounded(places: quantityDecimals, mode: .down)
        guard rounded > 0 else {
            throw TradingError.invalid(
                "quantity", "\(quantity) rounds down to 0 with the \(quantityDecimals) decimal(s) this stock allows")
        }
        return rounded
    }

    private func type(_ type: OrderType, side: OrderSide) -> OrderType {
        switch type {
        case .market: return .market
        case .limit(let price): return .limit(limit(price, side: side))
        case .stop(let trigger): return .stop(trigger: nearest(trigger))
        case .stopLimit(let trigger, let price):
            return .stopLimit(trigger: nearest(trigger), limit: limit(price, side: side))
        case .trailing(.amount(let amount)): return .trailing(.amount(nearest(amount)))
        case .trailing(.percent(let percent)): return .trailing(.percent(percent.rounded(places: 2)))
        }
    }

    private func limit(_ price: Decimal, side: OrderSide) -> Decimal {
        snap(price, mode: side == .buy ? .down : .up)
    }

    private func nearest(_ price: Decimal) -> Decimal { snap(price, mode: .plain) }

    private func snap(_ price: Decimal, mode: Decimal.RoundingMode) -> Decimal {
        guard priceTick > 0 else { return price }
        return (price / priceTick).rounded(places: 0, mode: mode) * priceTick
    }
}
