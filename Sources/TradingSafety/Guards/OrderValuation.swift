import FoundationEssentials
import TradingDomain

/// What an order may really cost (a buy) or bring in (a sell), from its own prices and the market.
///
/// A buy is valued at the worst price it can pay: its cash amount; its limit price for LMT and STOP_LIMIT; the
/// worse of its trigger and the market for STP; the market plus the trail for TRAIL; the worse of last and ask for
/// MKT. A sell is valued at the worst price it can receive. Nil when the price it needs is missing.
public enum OrderValuation {
    public static func notional(of order: OrderRequest, quote: Quote?) -> Decimal? {
        if let cash = order.cashAmount { return cash }
        guard let quantity = order.quantity, let price = unitPrice(of: order, quote: quote) else { return nil }
        return quantity * price
    }

    /// What a bracket's BUY legs may pay together: the entry of a BUY bracket; for a SELL bracket the larger of
    /// its take-profit and stop-loss (they cancel each other, so at most one fills), each at its worst price. Nil
    /// when a price it needs is missing.
    public static func buyLegsValue(of bracket: BracketRequest, quote: Quote?) -> Decimal? {
        switch bracket.side {
        case .buy:
            return notional(of: bracket.entryOrder, quote: quote)
        case .sell:
            guard let profit = notional(of: bracket.takeProfitOrder, quote: quote),
                let loss = notional(of: bracket.stopLossOrder, quote: quote)
            else { return nil }
            return max(profit, loss)
        }
    }

    /// The per-share price used for the order's value.
    public static func unitPrice(of order: OrderRequest, quote: Quote?) -> Decimal? {
        let market = order.side == .buy ? quote?.worstBuyPrice : quote?.worstSellPrice
        switch order.type {
        case .market:
            return market
        case .limit(let limit):
            return limit
        case .stopLimit(_, let limit):
            return limit
        case .stop(let trigger):
            guard let market else { return nil }
            return order.side == .buy ? max(trigger, market) : min(trigger, market)
        case .trailing(let offset):
            guard let market else { return nil }
            let distance = offset.distance(from: market)
            return order.side == .buy ? market + distance : max(market - distance, 0)
        }
    }
}
