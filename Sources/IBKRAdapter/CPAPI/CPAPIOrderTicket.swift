/// One order as IBKR's order endpoints take it (cpapi.md §6.1). IBKR's spelling stays here; numbers go
/// through `WireDecimal`, the one Decimal→JSON conversion.
struct CPAPIOrderTicket: Encodable, Sendable, Hashable {
    var conid: Int
    var orderType: String
    var side: String
    var tif: String
    var cOID: String?
    var parentId: String?
    var quantity: WireDecimal?
    var cashQty: WireDecimal?
    var price: WireDecimal?
    var auxPrice: WireDecimal?
    var trailingAmt: WireDecimal?
    var trailingType: String?
    var outsideRTH: Bool?
    var isSingleGroup: Bool?
}

/// The body of the placement and whatif endpoints: `{"orders": [...]}`.
struct CPAPIOrdersBody: Encodable, Sendable {
    var orders: [CPAPIOrderTicket]
}

/// The body of `/iserver/reply/{id}`: a JSON boolean (a string causes HTTP 500).
struct CPAPIReplyBody: Encodable, Sendable {
    var confirmed: Bool
}

/// The body of `/iserver/questions/suppress`.
struct CPAPISuppressBody: Encodable, Sendable {
    var messageIds: [String]
}

/// The body of `/iserver/auth/ssodh/init`.
struct CPAPIInitBody: Encodable, Sendable {
    var publish: Bool
    var compete: Bool
}

/// The body of `/iserver/contract/rules`.
struct CPAPIRulesBody: Encodable, Sendable {
    var conid: Int
    var isBuy: Bool
}
