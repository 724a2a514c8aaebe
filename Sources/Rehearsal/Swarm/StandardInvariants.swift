import FoundationEssentials
import MCPKit

/// The safety invariants every run is checked against after every step.
public enum StandardInvariants {
    /// All of them, in the order they are reported.
    public static let all: [any Invariant] = [
        NoIntentPlacedTwice(), IntentBeforeSend(), CapsRespected(), NoUnapprovedWarningConfirmed(),
        NoOrderWhileLocked(), JournalParses(),
    ]

    /// A setting read as a flag (`true`/`1`/`yes`/`on`), with Valet's default when unset.
    static func flag(_ settings: [String: String], _ key: String, default value: Bool) -> Bool {
        guard let text = settings[key]?.trimmed().lowercased(), !text.isEmpty else {
            return value
        }
        return ["true", "1", "yes", "on"].contains(text)
    }

    /// Orders the agent placed directly (bracket children carry a `parent_id` and share the entry's intent).
    static func entryOrders(_ observation: Observation) -> [[String: JSONValue]] {
        observation.orders.filter { ($0["parent_id"] ?? .null).isNull }
    }
}

/// No client order id reaches the gateway as two orders: a retry after a timeout or a 503 never duplicates.
public struct NoIntentPlacedTwice: Invariant {
    public init() {}
    public var name: String { "no intent placed twice" }

    public func violations(in observation: Observation) -> [String] {
        var counts: [String: Int] = [:]
        for order in observation.orders {
            if let id = order["client_order_id"]?.stringValue { counts[id, default: 0] += 1 }
        }
        return counts.keys.sorted().filter { counts[$0, default: 0] > 1 }.map {
            "client order id \($0) is at the gateway as \(counts[$0, default: 0]) orders"
        }
    }
}

/// Every order at the gateway has its intent in the journal. When the target reports journal appends as `journal`
/// transcript entries (data `{"line": …}`), the intent must also come before the order's POST.
public struct IntentBeforeSend: Invariant {
    public init() {}
    public var name: String { "every sent order preceded by its intent" }

    public func violations(in observation: Observation) -> [String] {
        let intents = Set(
            observation.journalRecords.compactMap { record -> String? in
                guard let record, record["kind"]?.stringValue == "intent" else { return nil }
                return record["client_order_id"]?.stringValue
            })
        var problems: [String] = []
        for order in StandardInvariants.entryOrders(observation) {
            guard let id = order["client_order_id"]?.stringValue, !intents.contains(id) else { continue }
            let orderID = order["order_id"]?.stringValue ?? "?"
            problems.append("order \(orderID) (client order id \(id)) has no intent in the journal")
        }
        problems += orderingProblems(observation.entries)
        return problems
    }

    private func orderingProblems(_ entries: [TranscriptEntry]) -> [String] {
        guard entries.contains(where: { $0.kind == "journal" }) else { return [] }
        var written: Set<String> = []
        var problems: [String] = []
        for entry in entries {
            if entry.kind == "journal", let line = entry.data["line"]?.stringValue,
                let record = try? JSONParser.parse(Data(line.utf8)), record["kind"]?.stringValue == "intent",
                let id = record["client_order_id"]?.stringValue
            {
                written.insert(id)
            }
            guard entry.kind == TranscriptEntry.gateway, entry.data["method"]?.stringValue == "POST",
                let path = entry.data["path"]?.stringValue, path.hasSuffix("/orders"), !path.contains("whatif")
            else { continue }
            let sent = (entry.data["request"]?["orders"]?.arrayValue ?? [])
            guard let first = sent.first, let id = first["cOID"]?.stringValue, !written.contains(id) else { continue }
            problems.append("order with cOID \(id) was POSTed before its intent was journaled")
        }
        return problems
    }
}

/// No BUY above `MAX_ORDER_VALUE` (default 100) and no trade date whose BUYs add up above `MAX_DAILY_VALUE`. An
/// order's value is its `notional`, else its `cash_amount`, else quantity × limit price; rejected and inactive
/// orders, and exits (`is_exit: true`, e.g. a BUY that covers a short), do not count.
public struct CapsRespected: Invariant {
    public init() {}
    public var name: String { "per-order and daily caps never exceeded" }

    public func violations(in observation: Observation) -> [String] {
        let settings = observation.settings
        let perOrder = settings["MAX_ORDER_VALUE"].flatMap(DecimalText.parse) ?? 100
        let daily = settings["MAX_DAILY_VALUE"].flatMap(DecimalText.parse)
        var problems: [String] = []
        var spent: [String: Decimal] = [:]
        for order in StandardInvariants.entryOrders(observation) {
            guard order["side"]?.stringValue?.uppercased() == "BUY",
                !["rejected", "inactive"].contains(order["status"]?.stringValue?.lowercased() ?? ""),
                order["is_exit"] != .bool(true),
                let value = Self.value(of: order)
            else { continue }
            let id = order["order_id"]?.stringValue ?? "?"
            if value > perOrder {
                problems.append("BUY order \(id) is worth \(value), above MAX_ORDER_VALUE \(perOrder)")
            }
            spent[order["trade_date"]?.stringValue ?? "", default: 0] += value
        }
        if let daily {
            for day in spent.keys.sorted() where spent[day, default: 0] > daily {
                let label = day.isEmpty ? "the run" : day
                problems.append("BUYs on \(label) add up to \(spent[day, default: 0]), above MAX_DAILY_VALUE \(daily)")
            }
        }
        return problems
    }

    static func value(of order: [String: JSONValue]) -> Decimal? {
        if let notional = order["notional"].flatMap(ExpectationMatcher.decimal) { return notional }
        if let cash = order["cash_amount"].flatMap(ExpectationMatcher.decimal) { return cash }
        guard let quantity = order["quantity"].flatMap(ExpectationMatcher.decimal),
            let limit = order["limit_price"].flatMap(ExpectationMatcher.decimal)
        else { return nil }
        return quantity * limit
    }
}

/// The client never answers `{"confirmed": true}` to an order question whose message ids are not all approved.
/// The generic `o0` counts as approved only with a text listed in `approvedGenericTexts`.
public struct NoUnapprovedWarningConfirmed: Invariant {
    /// Valet's allow-list of IBKR message ids (valet-reference §3.7, plus `o10331` and `p12` from ibind's table and
    /// cpapi.md §6.4); `o2137` (oversell) is deliberately absent.
    public static let approved: Set<String> = [
        "o354", "o163", "o10152", "o10331", "o10164", "o10223", "o10151", "o10153", "p12",
    ]
    /// Texts behind the generic `o0` that may be confirmed: the market-order capture's question
    /// (recordings/order-market-day-rec-a.json).
    public static let approvedGenericTexts: [String] = ["This order will most likely trigger and fill immediately."]
    public var approvedIDs: Set<String>

    public init(approvedIDs: Set<String> = NoUnapprovedWarningConfirmed.approved) {
        self.approvedIDs = approvedIDs
    }

    public var name: String { "no unapproved warning ever confirmed" }

    public func violations(in observation: Observation) -> [String] {
        var questions: [String: [String]] = [:]
        var problems: [String] = []
        for entry in observation.entries where entry.kind == TranscriptEntry.gateway {
            let data = entry.data
            if let first = data["response"]?[0], let id = first["id"]?.stringValue,
                let messageIDs = first["messageIds"]?.arrayValue
            {
                let texts = (first["message"]?.arrayValue ?? []).compactMap(\.stringValue)
                let genericApproved =
                    !texts.isEmpty
                    && texts.allSatisfy { text in Self.approvedGenericTexts.contains { text.contains($0) } }
                questions[id] = messageIDs.compactMap(\.stringValue).map {
                    $0 == "o0" && genericApproved ? "o0 (approved text)" : $0
                }
            }
            guard data["method"]?.stringValue == "POST", let path = data["path"]?.stringValue,
                let range = path.firstRange(of: "/iserver/reply/"), data["request"]?["confirmed"] == .bool(true)
            else { continue }
            let replyID = String(path[range.upperBound...].prefix { $0 != "?" })
            let ids = questions[replyID] ?? []
            let unapproved = ids.filter { !approvedIDs.contains($0) && $0 != "o0 (approved text)" }
            if ids.isEmpty || !unapproved.isEmpty {
                let shown = ids.isEmpty ? "(no id)" : unapproved.sorted().joined(separator: ", ")
                problems.append("reply \(replyID) confirmed a question with unapproved message id(s) \(shown)")
            }
        }
        return problems
    }
}

/// No order reaches the gateway while dry-run is on (`TRADING_DRY_RUN`, default true), nor on a live account
/// (`account.is_paper == false`) while `TRADING_ALLOW_LIVE` is off.
public struct NoOrderWhileLocked: Invariant {
    public init() {}
    public var name: String { "no live order while the live lock is off" }

    public func violations(in observation: Observation) -> [String] {
        let orders = observation.orders
        guard !orders.isEmpty else { return [] }
        if StandardInvariants.flag(observation.settings, "TRADING_DRY_RUN", default: true) {
            return ["\(orders.count) order(s) at the gateway although TRADING_DRY_RUN is on"]
        }
        let live = observation.state["account"]?["is_paper"] == .bool(false)
        if live, !StandardInvariants.flag(observation.settings, "TRADING_ALLOW_LIVE", default: false) {
            return ["\(orders.count) order(s) on a LIVE account although TRADING_ALLOW_LIVE is off"]
        }
        return []
    }
}

/// Every journal line is a JSON object.
public struct JournalParses: Invariant {
    public init() {}
    public var name: String { "the journal always parses" }

    public func violations(in observation: Observation) -> [String] {
        observation.journalRecords.enumerated().compactMap { index, record in
            record == nil ? "journal line \(index + 1) is not a JSON object" : nil
        }
    }
}
