import FoundationEssentials

/// Order side as IBKR accepts it (`BUY`/`SELL`, any case).
enum TwinSide: String, Sendable {
    case buy = "BUY"
    case sell = "SELL"

    /// `B`/`S` as trades and order status show it.
    var letter: String { self == .buy ? "B" : "S" }
}

/// The order types the twin matches.
enum TwinOrderType: String, Sendable {
    case market = "MKT"
    case limit = "LMT"
    case stop = "STP"
    case stopLimit = "STOP_LIMIT"
    case trail = "TRAIL"
    /// Trailing stop limit: trails like TRAIL, then works as a limit (cpapi.md §6.1 order fields).
    case trailLimit = "TRAILLMT"
    /// Fills at the bid/ask midpoint, capped by `price` when given (cpapi.md §6.1 order fields).
    case midPrice = "MIDPRICE"

    /// `orderType` in live orders (`Market`, `Limit`, …).
    var liveName: String {
        switch self {
        case .market: "Market"
        case .limit: "Limit"
        case .stop: "Stop"
        case .stopLimit: "Stop Limit"
        case .trail: "Trail"
        case .trailLimit: "Trail Limit"
        case .midPrice: "Mid Price"
        }
    }

    /// `origOrderType` in live orders and `order_type` in order status (`MARKET`, `LIMIT`, …).
    var upperName: String {
        switch self {
        case .market: "MARKET"
        case .limit: "LIMIT"
        case .stop: "STOP"
        case .stopLimit: "STOP_LIMIT"
        case .trail: "TRAILING_STOP"
        case .trailLimit: "TRAILING_STOP_LIMIT"
        case .midPrice: "MIDPRICE"
        }
    }

    var isStopFamily: Bool { self == .stop || self == .stopLimit || self == .trail || self == .trailLimit }

    /// Trailing types (TRAIL, TRAILLMT).
    var isTrailing: Bool { self == .trail || self == .trailLimit }
}

/// Why a ticket was refused: a business rejection (HTTP 200 `{"error": …}`) or a malformed request (HTTP 500).
enum TicketProblem: Error, Equatable {
    case rejected(String)
    case malformed(String)
}

/// One order object of a placement, whatif or modify body, read with IBKR's field names.
struct OrderTicket: Sendable {
    var conid: Int
    var cOID: String?
    var parentId: String?
    var orderType: TwinOrderType
    var side: TwinSide
    var tif: String
    var quantity: Decimal?
    var cashQty: Decimal?
    var price: Decimal?
    var auxPrice: Decimal?
    var trailingAmt: Decimal?
    var trailingPercent: Bool
    var outsideRTH: Bool
    /// Member of a one-cancels-all group sent together (`isSingleGroup: true` on every order of the group).
    var isSingleGroup = false
    /// GTD's last day, `YYYYMMDD[ hh:mm:ss]` (field name from TWS's API; assumed for CPAPI).
    var goodTillDate: String?

    /// Reads and validates one order object against the instrument's rules.
    static func parse(
        _ value: TwinJSON, instruments: [Int: TwinInstrument], fractionMessage: String
    ) -> Result<OrderTicket, TicketProblem> {
        guard case .object(let fields) = value else { return .failure(.malformed("order must be a JSON object")) }
        var conid = fields["conid"]?.intValue
        if conid == nil, let text = fields["conid"]?.stringValue ?? fields["conidex"]?.stringValue {
            conid = Int(text.split(separator: "@").first ?? "")
        }
        guard let conid else { return .failure(.malformed("conid is required")) }
        guard let instrument = instruments[conid] else {
            return .failure(.rejected("Contract \(conid) was not found. Look up the conid with /trsrv/stocks."))
        }
        guard let sideText = fields["side"]?.stringValue, let side = TwinSide(rawValue: sideText.uppercased())
        else { return .failure(.malformed("side must be BUY or SELL")) }
        let typeText = (fields["orderType"]?.stringValue ?? "").uppercased()
        let normalizedType = typeText == "STP LMT" ? "STOP_LIMIT" : typeText
        guard let orderType = TwinOrderType(rawValue: normalizedType) else {
            return .failure(.rejected("Invalid order type: \(typeText.isEmpty ? "(missing)" : typeText)"))
        }
        let tif = (fields["tif"]?.stringValue ?? "DAY").uppercased()
        // cpapi.md §6.1 (`tif` field) and §5 contract rules (`tifTypes`: OPG for LIMIT and MARKET, GTD).
        guard ["DAY", "GTC", "IOC", "OPG", "GTD"].contains(tif) else {
            return .failure(.rejected("Invalid time in force: \(tif)"))
        }
        if tif == "OPG" && orderType != .market && orderType != .limit {
            return .failure(.rejected("OPG (at the open) applies to MKT and LMT orders only."))
        }
        let ticket = OrderTicket(
            conid: conid, cOID: fields["cOID"]?.stringValue, parentId: fields["parentId"]?.stringValue,
            orderType: orderType, side: side, tif: tif, quantity: fields["quantity"]?.decimalValue,
            cashQty: fields["cashQty"]?.decimalValue, price: fields["price"]?.decimalValue,
            auxPrice: fields["auxPrice"]?.decimalValue, trailingAmt: fields["trailingAmt"]?.decimalValue,
            trailingPercent: fields["trailingType"]?.stringValue == "%",
            outsideRTH: fields["outsideRTH"]?.boolValue ?? fields["outsideRth"]?.boolValue ?? false,
            isSingleGroup: fields["isSingleGroup"]?.boolValue ?? false,
            goodTillDate: fields["goodTillDate"]?.stringValue)
        if tif == "GTD", let text = ticket.goodTillDate, TwinCalendar.dayNumber(compact: text) == nil {
            return .failure(.rejected("goodTillDate must be YYYYMMDD (optionally followed by a time)."))
        }
        if let problem = ticket.sizeProblem(instrument: instrument, fractionMessage: fractionMessage) {
            return .failure(problem)
        }
        if let problem = ticket.priceProblem(instrument: instrument, fields: fields) { return .failure(problem) }
        return .success(ticket)
    }

    private func sizeProblem(instrument: TwinInstrument, fractionMessage: String) -> TicketProblem? {
        if quantity != nil && cashQty != nil {
            return .rejected("Specify either quantity or cashQty, not both.")
        }
        if let cashQty {
            if side == .sell { return .rejected("Cash order quantity can not be set for sell order") }
            if cashQty <= 0 { return .rejected("Cash quantity must be positive.") }
            if instrument.fraqInt == 0 { return .rejected(fractionMessage) }
            return nil
        }
        guard let quantity else { return .malformed("quantity or cashQty is required") }
        if quantity <= 0 { return .rejected("Order quantity must be positive.") }
        if TwinFormat.roundDown(quantity, scale: instrument.fraqInt) != quantity { return .rejected(fractionMessage) }
        return nil
    }

    private func priceProblem(instrument: TwinInstrument, fields: [String: TwinJSON]) -> TicketProblem? {
        switch orderType {
        case .market:
            return nil
        case .midPrice:
            break
        case .limit:
            guard price != nil else { return .rejected("Invalid order price fields") }
        case .stop:
            guard price != nil, auxPrice == nil else { return .rejected("Invalid order price fields") }
        case .stopLimit:
            guard price != nil, auxPrice != nil else { return .rejected("Invalid order price fields") }
        case .trail, .trailLimit:
            guard let trailingAmt, trailingAmt > 0, let kind = fields["trailingType"]?.stringValue,
                kind == "amt" || kind == "%"
            else {
                return .rejected(
                    "\(orderType.rawValue) orders need trailingAmt > 0 and trailingType \"amt\" or \"%\".")
            }
            // cpapi.md §6.1: TRAILLMT needs both price (the limit) and auxPrice (the stop).
            if orderType == .trailLimit, price == nil || auxPrice == nil {
                return .rejected("TRAILLMT orders need price (limit) and auxPrice (stop).")
            }
        }
        for value in [price, auxPrice].compactMap({ $0 }) {
            if value <= 0 { return .rejected("Invalid order price fields") }
            let ticks = value / instrument.tick
            if TwinFormat.round(ticks, scale: 0) != ticks {
                return .rejected("The price does not conform to the minimum price variation for this contract.")
            }
        }
        return nil
    }
}
