import FoundationEssentials
import MCPKit
import TradingDomain

/// Invariants read from the broker's side: what the twin received (`state.received`), and the positions its own
/// ledger reached (`state.lowest_positions`) — never Valet's own account of what it sent. A guard that lets a
/// sequence through shows up here even when Valet's journal looks right.
extension Observation {
    /// The twin's receipts: every order and modification as it arrived, oldest first.
    public var received: [[String: JSONValue]] {
        (state["received"]?.arrayValue ?? []).compactMap(\.objectValue)
    }
}

/// Without `TRADING_ALLOW_SHORT`, no position the twin holds ever goes below zero — after any fill, not only at the
/// end of a step (the ledger keeps each position's lowest quantity).
public struct NoShortPosition: Invariant {
    public init() {}
    public var name: String { "no short position without TRADING_ALLOW_SHORT" }

    public func violations(in observation: Observation) -> [String] {
        guard !StandardInvariants.flag(observation.settings, "TRADING_ALLOW_SHORT", default: false) else { return [] }
        let lowest = observation.state["lowest_positions"]?.objectValue ?? [:]
        return lowest.keys.sorted().compactMap { symbol in
            guard let quantity = lowest[symbol].flatMap(ExpectationMatcher.decimal), quantity < 0 else { return nil }
            return "the twin's \(symbol) position went to \(quantity) although TRADING_ALLOW_SHORT is off"
        }
    }
}

/// Every BUY the twin received — entries, bracket legs and modifications — is within `MAX_ORDER_VALUE` (default
/// 100) at the worst price it could pay as the twin saw the market on arrival, and each New York day's BUYs stay
/// within `MAX_DAILY_VALUE` (each order counted once, at its largest value; a bracket's OCA exits at the larger; an
/// order the twin ended without any fill — cancelled, inactive — spent nothing and stops counting, as in Valet's
/// daily cap).
/// Worst price: the limit for LMT and STOP_LIMIT; the stop or the ask, whichever is higher, for STP; the ask
/// (or last, if higher) plus the trail for TRAIL; the ask or last for MKT; a cash order's value is its cash.
/// With `TRADING_ALLOW_SHORT` a BUY may cover a short, so only the daily total is checked then.
public struct CapsAtTheBroker: Invariant {
    public init() {}
    public var name: String { "every BUY the broker received within the per-order and daily caps" }

    public func violations(in observation: Observation) -> [String] {
        let settings = observation.settings
        let perOrder = settings["MAX_ORDER_VALUE"].flatMap(DecimalText.parse) ?? 100
        let daily = settings["MAX_DAILY_VALUE"].flatMap(DecimalText.parse)
        let shortsAllowed = StandardInvariants.flag(settings, "TRADING_ALLOW_SHORT", default: false)
        var problems: [String] = []
        var largest: [String: (day: String, value: Decimal, group: String)] = [:]
        let deadUnfilled = Set(
            observation.orders.compactMap { order -> String? in
                guard ["cancelled", "inactive", "rejected"].contains(order["status"]?.stringValue?.lowercased() ?? ""),
                    (order["filled_quantity"].flatMap(ExpectationMatcher.decimal) ?? 0) <= 0
                else { return nil }
                return order["order_id"]?.stringValue
            })
        for receipt in observation.received where receipt["side"]?.stringValue == "BUY" {
            guard let value = Self.worstValue(receipt), let orderID = receipt["order_id"]?.stringValue else {
                continue
            }
            if !shortsAllowed, value > perOrder {
                problems.append(
                    "the twin received BUY order \(orderID) (\(receipt["type"]?.stringValue ?? "?")) worth up to "
                        + "\(value), above MAX_ORDER_VALUE \(perOrder)")
            }
            let day =
                (receipt["received_at"]?.stringValue).flatMap(TimeText.iso8601).map {
                    ExchangeCalendar.nyse.localDate(of: $0).description
                } ?? ""
            // One leg of an OCA pair can fill: a bracket's exits count once, under their parent's id.
            let group = receipt["parent_client_order_id"]?.stringValue.map { "bracket \($0)" } ?? "order \(orderID)"
            if !deadUnfilled.contains(orderID), value > (largest[orderID]?.value ?? 0) {
                largest[orderID] = (day, value, group)
            }
        }
        guard let daily else { return problems }
        var byGroup: [String: (day: String, value: Decimal)] = [:]
        for entry in largest.values where entry.value > (byGroup[entry.group]?.value ?? 0) {
            byGroup[entry.group] = (entry.day, entry.value)
        }
        var spent: [String: Decimal] = [:]
        for entry in byGroup.values { spent[entry.day, default: 0] += entry.value }
        for day in spent.keys.sorted() where spent[day, default: 0] > daily {
            problems.append(
                "the twin received BUYs worth \(spent[day, default: 0]) on \(day.isEmpty ? "one day" : day), above "
                    + "MAX_DAILY_VALUE \(daily)")
        }
        return problems
    }

    /// The most a received BUY could pay, from the receipt alone (nil when the receipt lacks what it needs).
    static func worstValue(_ receipt: [String: JSONValue]) -> Decimal? {
        func number(_ key: String) -> Decimal? { receipt[key].flatMap(ExpectationMatcher.decimal) }
        if let cash = number("cash_quantity") { return cash }
        guard let quantity = number("quantity") else { return nil }
        let market = max(number("ask") ?? 0, number("last") ?? 0)
        let price: Decimal?
        switch receipt["type"]?.stringValue {
        case "LMT", "STOP_LIMIT": price = number("limit_price")
        case "STP": price = max(number("stop_price") ?? 0, market)
        case "TRAIL":
            let trail = number("trailing_amount") ?? 0
            let percent = receipt["trailing_percent"] == .bool(true)
            price = max(market + (percent ? market * trail / 100 : trail), number("stop_price") ?? 0)
        default: price = market
        }
        return price.map { quantity * $0 }
    }
}

/// An intent whose outcome was unknown and that reconciliation accepted as missing must really be missing: when
/// the twin holds an order with its client order id and a later identical order was sent as well, one intent made
/// two live orders (the resend that `resolve_missing` allows).
public struct NoResendOfALandedOrder: Invariant {
    public init() {}
    public var name: String { "no intent placed twice through a resend after an unknown outcome" }

    public func violations(in observation: Observation) -> [String] {
        let records = observation.journalRecords.compactMap { $0 }
        var accepted: [String] = []
        var intents: [String: JSONValue] = [:]
        var order: [String] = []
        for record in records {
            guard let id = record["client_order_id"]?.stringValue else { continue }
            switch record["kind"]?.stringValue {
            case "intent":
                if intents[id] == nil { order.append(id) }
                intents[id] = record["order"] ?? .null
            case "resolution" where record["status"]?.stringValue == "unknown":
                accepted.append(id)
            default: break
            }
        }
        let atTwin = Set(observation.received.compactMap { $0["client_order_id"]?.stringValue })
        var problems: [String] = []
        for id in accepted where atTwin.contains(id) {
            guard let position = order.firstIndex(of: id), let terms = intents[id] else { continue }
            let resends = order[(position + 1)...].filter { intents[$0] == terms && atTwin.contains($0) }
            guard let resend = resends.first else { continue }
            problems.append(
                "intent \(id) was accepted as missing, yet the twin holds it, and the identical order \(resend) was "
                    + "sent again: one intent, two orders")
        }
        return problems
    }
}

/// On a real-money account (`state.account.is_paper == false`) every order the twin received comes from an intent
/// that a person approved: the journal line just before the intent is an `approval` of the same order. An agent
/// cannot write that line; only the client's form or `valet confirm` can.
public struct NoUnapprovedLiveOrder: Invariant {
    public init() {}
    public var name: String { "no live real-money order without a person's approval" }

    public func violations(in observation: Observation) -> [String] {
        guard observation.state["account"]?["is_paper"] == .bool(false) else { return [] }
        var approved: Set<String> = []
        var previous: [String: JSONValue]?
        for record in observation.journalRecords.compactMap({ $0 }) {
            if record["kind"]?.stringValue == "intent", let id = record["client_order_id"]?.stringValue,
                let before = previous, before["kind"]?.stringValue == "approval", before["order"] == record["order"]
            {
                approved.insert(id)
            }
            previous = record
        }
        return observation.received.compactMap { receipt in
            guard receipt["kind"]?.stringValue == "placement",
                let id = receipt["parent_client_order_id"]?.stringValue ?? receipt["client_order_id"]?.stringValue,
                !approved.contains(id)
            else { return nil }
            let orderID = receipt["order_id"]?.stringValue ?? "?"
            return "order \(orderID) (cOID \(id)) reached a LIVE account with no person's approval before its intent"
        }
    }
}
