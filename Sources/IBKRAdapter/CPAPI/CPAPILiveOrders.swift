/// `/iserver/account/orders` (cpapi.md §6.9). The first call after a login answers `{"orders": [], "snapshot":
/// false}`: it only subscribes.
struct CPAPILiveOrders: Decodable, Sendable {
    var orders: [CPAPILiveOrder]?
    var snapshot: FlexBool?
}

/// One row of the live orders (camelCase, `orderId` an integer, `side` BUY/SELL).
struct CPAPILiveOrder: Decodable, Sendable {
    var orderId: FlexString?
    var order_ref: FlexString?
    var conid: FlexString?
    var ticker: FlexString?
    var side: FlexString?
    var status: FlexString?
    var orderType: FlexString?
    var origOrderType: FlexString?
    var totalSize: FlexDecimal?
    var filledQuantity: FlexDecimal?
    var remainingQuantity: FlexDecimal?
    var avgPrice: FlexDecimal?
    var price: FlexDecimal?
    var timeInForce: FlexString?
    var orderDesc: FlexString?
}

/// `/iserver/account/order/status/{id}` (cpapi.md §6.10): snake_case, `side` B/S, sizes as text.
struct CPAPIOrderStatus: Decodable, Sendable {
    var order_id: FlexString?
    var conid: FlexString?
    var symbol: FlexString?
    var side: FlexString?
    var order_type: FlexString?
    var order_status: FlexString?
    var size: FlexDecimal?
    var total_size: FlexDecimal?
    var cum_fill: FlexDecimal?
    var average_price: FlexDecimal?
    var limit_price: FlexDecimal?
    /// The trigger of a stop, stop-limit or trailing stop (for a trail, where it has ratcheted to).
    var stop_price: FlexDecimal?
    var tif: FlexString?
    var order_description: FlexString?
    var error: FlexString?
}

/// One execution of `/iserver/account/trades` (cpapi.md §6.11).
struct CPAPITrade: Decodable, Sendable {
    var execution_id: FlexString?
    var symbol: FlexString?
    var side: FlexString?
    var trade_time_r: FlexString?
    var size: FlexDecimal?
    var price: FlexDecimal?
    var order_ref: FlexString?
    var order_id: FlexString?
    var commission: FlexDecimal?
    var net_amount: FlexDecimal?
    var conid: FlexString?
}
