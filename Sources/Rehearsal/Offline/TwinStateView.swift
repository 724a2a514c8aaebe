import FoundationEssentials
import GatewayTwin
import MCPKit
import SimulationKit
import TradingDomain

/// The twin's orders, positions and cash plus the journal, in the shape `ScenarioTarget.state()` documents. Order
/// details the twin does not keep (cash amount, prices, value, exit flag) come from the journal intent that sent
/// the order, matched by client order id.
struct TwinStateView {
    var twin: GatewayTwin
    var journalLines: [String]
    var accountID: String
    var durableIntents: [DurableIntentLog.Entry] = []

    var json: JSONValue {
        let symbols = Dictionary(
            twin.configuration.instruments.map { ($0.conid, $0.symbol) }, uniquingKeysWith: { first, _ in first }
        )
        let intents = self.intents
        let positions: [JSONValue] = symbols.keys.sorted().compactMap { conid in
            let position = twin.position(conid: conid)
            guard position.quantity != 0 else { return nil }
            return [
                "symbol": .string(symbols[conid] ?? ""), "conid": .int(conid),
                "quantity": Self.text(position.quantity), "average_cost": Self.text(position.averageCost),
            ]
        }
        let orders: [JSONValue] = twin.orders().map { order in
            let id = order.clientOrderID ?? ""
            let leg = Self.leg(of: id)
            let intent = intents[leg.parent]
            let fingerprint = intent?["order"]
            var limit = fingerprint?["limit_price"] ?? .null
            var stop = fingerprint?["stop_price"] ?? .null
            switch leg.kind {
            case "tp": limit = fingerprint?["take_profit"] ?? .null
            case "sl": stop = fingerprint?["stop_loss"] ?? .null
            default: break
            }
            let isLeg = leg.kind != nil
            let timestamp = intent?["timestamp"]?.stringValue
            return [
                "order_id": .string(String(order.orderId)),
                "client_order_id": order.clientOrderID.map(JSONValue.string) ?? .null,
                "parent_id": isLeg ? .string(leg.parent) : .null,
                "symbol": .string(symbols[order.conid] ?? ""),
                "side": .string(order.side),
                "type": .string(order.orderType),
                "status": .string(order.status.lowercased()),
                "quantity": order.totalQuantity.map(Self.text) ?? fingerprint?["quantity"] ?? .null,
                "cash_amount": isLeg ? .null : fingerprint?["cash_amount"] ?? .null,
                "limit_price": limit,
                "stop_price": stop,
                "trigger_price": order.triggerPrice.map(Self.text) ?? .null,
                // `limit_price` is the price the order was sent with (from its intent); this one follows
                // modifications.
                "working_limit_price": order.limitPrice.map(Self.text) ?? .null,
                "filled_quantity": Self.text(order.filledQuantity),
                "avg_price": order.averagePrice.map(Self.text) ?? .null,
                "notional": isLeg ? .null : intent?["notional"] ?? .null,
                "trade_date": timestamp.flatMap(Self.newYorkDate).map(JSONValue.string) ?? .null,
                "is_exit": .bool(isLeg || order.side == "SELL"),
            ]
        }
        let state = twin.sessionState
        var view: [String: JSONValue] = [
            "cash": Self.text(twin.cash),
            "positions": .array(positions),
            "orders": .array(orders),
            "journal": .array(journalLines.map(JSONValue.string)),
            "session": [
                "authenticated": .bool(state == .authenticated || state == .competing),
                "competing": .bool(state == .competing),
                "primed": .bool(twin.isPrimed),
            ],
            "account": ["account_id": .string(accountID), "is_paper": .bool(twin.configuration.isPaper)],
            "received": .array(twin.receipts.map { Self.receipt($0, symbols: symbols) }),
            "durable_intents": .array(
                durableIntents.map {
                    ["sequence": .int($0.sequence), "client_order_id": .string($0.clientOrderID)] as JSONValue
                }),
            "lowest_positions": .object(
                Dictionary(
                    symbols.compactMap { conid, symbol in
                        twin.lowestPosition(conid: conid).map { (symbol, Self.text($0)) }
                    },
                    uniquingKeysWith: { first, _ in first })),
        ]
        // Present only when the twin's own bookkeeping disagrees with itself, so a consistent run reads as before.
        let problems = twin.selfCheck()
        if !problems.isEmpty { view["twin_problems"] = .array(problems.map(JSONValue.string)) }
        return .object(view)
    }

    /// The intent line of each client order id.
    private var intents: [String: JSONValue] {
        var found: [String: JSONValue] = [:]
        for line in journalLines {
            guard let record = try? JSONParser.parse(Data(line.utf8)), record["kind"] == "intent",
                let id = record["client_order_id"]?.stringValue
            else { continue }
            found[id] = record
        }
        return found
    }

    /// A bracket leg's parent id and kind (`tp`, `sl`), from the `-tp`/`-sl` suffix the domain gives leg ids.
    private static func leg(of id: String) -> (parent: String, kind: String?) {
        for suffix in ["tp", "sl"] where id.hasSuffix("-\(suffix)") {
            return (String(id.dropLast(suffix.count + 1)), suffix)
        }
        return (id, nil)
    }

    /// One order as the twin received it (the broker's side of the ground truth the swarm checks).
    private static func receipt(_ receipt: TwinReceipt, symbols: [Int: String]) -> JSONValue {
        [
            "sequence": .int(receipt.sequence), "kind": .string(receipt.kind.rawValue),
            "received_at": .string(TraceWriter.formatDate(receipt.receivedAt)),
            "order_id": .string(String(receipt.orderId)),
            "client_order_id": receipt.clientOrderID.map(JSONValue.string) ?? .null,
            "parent_client_order_id": receipt.parentClientOrderID.map(JSONValue.string) ?? .null,
            "symbol": .string(symbols[receipt.conid] ?? ""), "side": .string(receipt.side),
            "type": .string(receipt.orderType), "quantity": receipt.quantity.map(text) ?? .null,
            "cash_quantity": receipt.cashQuantity.map(text) ?? .null,
            "limit_price": receipt.limitPrice.map(text) ?? .null, "stop_price": receipt.stopPrice.map(text) ?? .null,
            "trailing_amount": receipt.trailingAmount.map(text) ?? .null,
            "trailing_percent": .bool(receipt.trailingPercent), "ask": receipt.ask.map(text) ?? .null,
            "last": receipt.last.map(text) ?? .null,
        ]
    }

    private static func text(_ value: Decimal) -> JSONValue {
        .string(value.description)
    }

    /// The New York calendar date of a journal timestamp (`2026-01-06T15:00:00.000Z` → `2026-01-06`).
    private static func newYorkDate(_ timestamp: String) -> String? {
        TimeText.iso8601(timestamp).map { ExchangeCalendar.nyse.localDate(of: $0).description }
    }
}
