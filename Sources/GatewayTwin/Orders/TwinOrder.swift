import FoundationEssentials

/// Terminal states of an order.
enum TwinTerminal: String, Sendable {
    case filled = "Filled"
    case cancelled = "Cancelled"
    case inactive = "Inactive"
}

/// One order inside the twin: the ticket as accepted plus fills, trigger state and bracket links.
final class TwinOrder {
    let orderId: Int
    let account: String
    let conid: Int
    let side: TwinSide
    var orderType: TwinOrderType
    var tif: String
    var outsideRTH: Bool
    let cOID: String?
    /// Parent's `cOID` for bracket children.
    let parentCOID: String?
    var parentOrderId: Int?
    var childOrderIds: [Int] = []
    var ocaGroupId: String?
    /// Limit price (LMT, STOP_LIMIT).
    var limitPrice: Decimal?
    /// Trigger price (STP, STOP_LIMIT, TRAIL current stop).
    var stopPrice: Decimal?
    var trailingAmount: Decimal?
    /// TRAILLMT: the limit's distance from the stop (price − auxPrice at entry), kept as the stop trails.
    var limitOffset: Decimal?
    /// GTD: the day number (days since 1970-01-01) after whose close the order expires; nil: like GTC.
    var goodTillDay: Int?
    /// Most favourable last price a trailing stop has seen (millionths); the stop moves only on a new one.
    var trailExtremeMicros: Int64?
    /// `stopPrice` in millionths, kept in step by the trailing logic.
    var trailStopMicros: Int64?
    var trailingPercent = false
    /// Total size; for a cash order unknown until it fills.
    var totalQuantity: Decimal?
    var cashQuantity: Decimal?
    var cashSpent: Decimal = 0
    var filledQuantity: Decimal = 0
    var filledValue: Decimal = 0
    var commission: Decimal = 0
    /// True once a stop-family order has triggered (STOP_LIMIT then works as a limit, STP/TRAIL as a market).
    var triggered = false
    /// True while a bracket child waits for its parent to fill.
    var heldByParent = false
    var terminal: TwinTerminal?
    /// A cancel was requested and takes effect later (status `PendingCancel`; fills can still happen).
    var cancelRequested = false
    let placedAt: Date
    var lastExecutionAt: Date?
    /// Until then the order is missing from the live-orders list, order status and trades (a lagging view).
    var hiddenUntil: Date?

    /// True while the gateway's views do not show the order yet.
    func isHidden(at date: Date) -> Bool { hiddenUntil.map { date < $0 } ?? false }

    /// The brokerage session the order was placed in (`TwinSession.epoch`): order status answers only for it.
    var brokerageEpoch = 0

    init(orderId: Int, account: String, ticket: OrderTicket, placedAt: Date) {
        self.orderId = orderId
        self.account = account
        conid = ticket.conid
        side = ticket.side
        orderType = ticket.orderType
        tif = ticket.tif
        outsideRTH = ticket.outsideRTH
        cOID = ticket.cOID
        parentCOID = ticket.parentId
        self.placedAt = placedAt
        apply(ticket)
    }

    /// Copies the price and size fields of a (modify) ticket.
    func apply(_ ticket: OrderTicket) {
        orderType = ticket.orderType
        tif = ticket.tif
        outsideRTH = ticket.outsideRTH
        totalQuantity = ticket.quantity ?? totalQuantity
        cashQuantity = ticket.cashQty ?? (ticket.quantity == nil ? cashQuantity : nil)
        switch ticket.orderType {
        case .market:
            limitPrice = nil
            stopPrice = nil
        case .limit:
            limitPrice = ticket.price
            stopPrice = nil
        case .stop:
            limitPrice = nil
            stopPrice = ticket.price
        case .stopLimit:
            limitPrice = ticket.price
            stopPrice = ticket.auxPrice
        case .trail:
            limitPrice = nil
            stopPrice = ticket.price
            trailingAmount = ticket.trailingAmt
            trailingPercent = ticket.trailingPercent
        case .trailLimit:
            limitPrice = ticket.price
            stopPrice = ticket.auxPrice
            limitOffset = (ticket.price ?? 0) - (ticket.auxPrice ?? 0)
            trailingAmount = ticket.trailingAmt
            trailingPercent = ticket.trailingPercent
        case .midPrice:
            limitPrice = ticket.price
            stopPrice = nil
        }
        goodTillDay = ticket.tif == "GTD" ? ticket.goodTillDate.flatMap(TwinCalendar.dayNumber(compact:)) : nil
    }

    var isWorking: Bool { terminal == nil }

    var averagePrice: Decimal? { filledQuantity > 0 ? filledValue / filledQuantity : nil }

    /// What is still to fill; nil for an unfilled cash order (the size depends on the fill price).
    var remainingQuantity: Decimal? {
        guard let totalQuantity else { return nil }
        return max(0, ShortDecimal.subtract(totalQuantity, filledQuantity))
    }

    /// True when the order only waits for its trigger (stop not yet touched).
    var awaitsTrigger: Bool { orderType.isStopFamily && !triggered }

    /// The status IBKR would show now.
    func status(marketOpenForOrder: Bool) -> String {
        if let terminal { return terminal.rawValue }
        if cancelRequested { return "PendingCancel" }
        if heldByParent || awaitsTrigger || !marketOpenForOrder { return "PreSubmitted" }
        return "Submitted"
    }
}

/// One execution (fill) as `/iserver/account/trades` reports it.
struct TwinExecution: Sendable {
    /// The execution's number in the twin's sequence. The id text is formatted from it when a view shows it, not
    /// on every fill: string formatting was a measurable part of the engine's fill path.
    let sequence: Int
    let orderId: Int
    let conid: Int
    let side: TwinSide
    let quantity: Decimal
    let price: Decimal
    let commission: Decimal
    let time: Date
    let cOID: String?

    /// IBKR-shaped execution id: the sequence in eight hex digits, the execution's Unix seconds in hex, `.01.01`.
    var executionId: String {
        let sequenceText = String(sequence, radix: 16)
        let seconds = String(Int(time.timeIntervalSince1970), radix: 16)
        let padded = String(repeating: "0", count: max(0, 8 - sequenceText.count)) + sequenceText
        return "\(padded).\(seconds).01.01"
    }
}
