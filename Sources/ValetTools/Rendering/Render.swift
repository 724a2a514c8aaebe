import FoundationEssentials
import MCPKit
import TradingDomain
import TradingSafety

/// Domain values as the JSON the tools return. Decimals become strings, missing values `null`.
enum Render {
    static func decimal(_ value: Decimal?) -> JSONValue {
        guard let value, value.isFinite, !value.isNaN else { return .null }
        return .string("\(value)")
    }

    /// An average price or cost for display: 4 decimals (a sub-penny tick), since IBKR's averages carry binary
    /// noise to 8+ places. Quantities, limits and amounts are shown exactly as they are.
    static func averagePrice(_ value: Decimal) -> Decimal {
        value.rounded(places: 4)
    }

    static func string(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    static func order(_ order: Order) -> JSONValue {
        [
            "order_id": .string(order.orderID.value), "client_order_id": string(order.clientOrderID?.value),
            "status": .string(order.status.rawValue), "broker_status": string(order.brokerStatus),
            "symbol": string(order.symbol?.value), "side": string(order.side?.rawValue),
            "order_type": string(order.typeKind?.rawValue), "quantity": decimal(order.quantity),
            "filled_quantity": decimal(order.filledQuantity), "remaining_quantity": decimal(order.remainingQuantity),
            "avg_price": decimal(order.averagePrice.map(averagePrice)), "limit_price": decimal(order.limitPrice),
            "stop_price": decimal(order.stopPrice), "time_in_force": string(order.timeInForce?.rawValue),
            "message": string(order.brokerDescription),
        ]
    }

    /// A guarded placement (sent or dry run) with the environment it happened in.
    static func placement(_ result: PlacementResult, environment: ToolEnvironment) -> JSONValue {
        let order = result.orders.first
        let primary = result.acks.first { $0.leg == .entry } ?? result.acks.first
        var object: [String: JSONValue] = [
            "order_id": string(primary?.orderID.value), "client_order_id": .string(result.clientOrderID.value),
            "status": .string(result.disposition == .dryRun ? "pending" : (primary?.status ?? .unknown).rawValue),
            "symbol": string(order?.symbol.value), "side": string(order?.side.rawValue),
            "order_type": string(order?.type.kind.rawValue), "quantity": decimal(order?.quantity),
            "cash_amount": decimal(order?.cashAmount), "limit_price": decimal(order?.type.limitPrice),
            "stop_price": decimal(order?.type.stopPrice), "time_in_force": string(order?.timeInForce.rawValue),
            "filled_quantity": .null, "avg_price": .null, "notional": decimal(result.notional),
            "is_exit": .bool(result.isExit), "message": .string(result.message),
            "broker_message": string(primary?.message),
            "notes": .array(result.notes.map { .string($0) }),
            "journal_warning": string(result.journalWarning?.message),
            "trail_amount": .null, "trail_percent": .null,
            "legs": .array(result.acks.map(leg)),
        ]
        switch order?.type.trailingOffset {
        case .amount(let value)?: object["trail_amount"] = decimal(value)
        case .percent(let value)?: object["trail_percent"] = decimal(value)
        case nil: break
        }
        object.merge(environment.json) { _, new in new }
        return .object(object)
    }

    static func leg(_ ack: OrderAck) -> JSONValue {
        [
            "leg": string(ack.leg?.rawValue), "order_id": .string(ack.orderID.value),
            "client_order_id": string(ack.clientOrderID?.value), "status": .string(ack.status.rawValue),
            "message": string(ack.message),
        ]
    }

    static func position(_ position: Position) -> JSONValue {
        [
            "symbol": .string(position.symbol.value), "conid": position.contractID.map { .int($0.value) } ?? .null,
            "quantity": decimal(position.quantity), "avg_cost": decimal(position.averageCost.map(averagePrice)),
            "market_price": decimal(position.marketPrice), "market_value": decimal(position.marketValue),
            "unrealized_pnl": decimal(position.unrealizedPnL),
        ]
    }

    static let positionSchema = Schemas.object([
        "symbol": ["type": "string"], "conid": ["type": ["integer", "null"]], "quantity": Schemas.decimal,
        "avg_cost": Schemas.decimalOrNull, "market_price": Schemas.decimalOrNull,
        "market_value": Schemas.decimalOrNull, "unrealized_pnl": Schemas.decimalOrNull,
    ])

    static func summary(_ summary: AccountSummary) -> JSONValue {
        [
            "account_id": .string(summary.accountID.value), "currency": .string(summary.currency),
            "available_funds": decimal(summary.availableFunds), "net_liquidation": decimal(summary.netLiquidation),
            "buying_power": decimal(summary.buyingPower),
        ]
    }

    static let summarySchema = Schemas.object([
        "account_id": ["type": "string"], "currency": ["type": "string"],
        "available_funds": Schemas.decimalOrNull, "net_liquidation": Schemas.decimalOrNull,
        "buying_power": Schemas.decimalOrNull,
    ])

    static func quote(_ quote: Quote, calendar: ExchangeCalendar) -> JSONValue {
        [
            "symbol": .string(quote.symbol.value), "conid": quote.contractID.map { .int($0.value) } ?? .null,
            "last_price": decimal(quote.last), "last_source": string(quote.lastSource?.rawValue),
            "bid": decimal(quote.bid), "ask": decimal(quote.ask),
            "timestamp": string(quote.timestamp.map(calendar.iso8601)),
        ]
    }

    static let quoteSchema = Schemas.object([
        "symbol": ["type": "string"], "conid": ["type": ["integer", "null"]], "last_price": Schemas.decimalOrNull,
        "last_source": ["type": ["string", "null"], "enum": ["trade", "prior_close", "halted", nil]],
        "bid": Schemas.decimalOrNull, "ask": Schemas.decimalOrNull, "timestamp": Schemas.stringOrNull,
    ])

    /// A journal line as JSON (the journal's own encoding: decimals as strings, ISO 8601 times). With a calendar,
    /// the time is shown in the exchange's offset (`2026-12-04T10:00:00-05:00`) like every other time in tool
    /// results; without one (the `valet://journal` resource) it stays as the journal file holds it.
    static func journal(_ record: JournalRecord, calendar: ExchangeCalendar? = nil) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record),
            case .object(var object) = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return ["client_order_id": .string(record.clientOrderID.value), "unreadable": true] }
        if let calendar {
            object["timestamp"] = .string(calendar.iso8601(record.timestamp))
        }
        return .object(object)
    }

    /// The size of a journaled order: its quantity or its cash amount.
    static func size(_ fingerprint: OrderFingerprint?) -> JSONValue {
        decimal(fingerprint?.quantity ?? fingerprint?.cashAmount)
    }
}
