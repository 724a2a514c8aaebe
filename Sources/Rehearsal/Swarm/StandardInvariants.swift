import FoundationEssentials
import MCPKit

/// The safety invariants every run is checked against after every step.
public enum StandardInvariants {
    /// All of them, in the order they are reported.
    public static let all: [any Invariant] = [
        IntentBeforeSend(), CapsAtTheBroker(), NoShortPosition(), NoResendOfALandedOrder(),
        NoUnapprovedLiveOrder(),
        NoUnapprovedWarningConfirmed(), NoOrderWhileLocked(), JournalParses(), TwinSelfConsistent(),
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

/// Every order the twin received has its intent in the journal, and — where the run numbers both sides on one
/// event sequence (`state.durable_intents` beside the twin's receipts) — that intent was synced to disk before the
/// order arrived. A bracket's legs are covered by their parent's intent; a modification carries the order's own
/// client order id, whose intent came first.
public struct IntentBeforeSend: Invariant {
    public init() {}
    public var name: String { "every order reached the broker after its intent was durable" }

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
        guard let durable = observation.state["durable_intents"]?.arrayValue else { return problems }
        var syncedAt: [String: Int] = [:]
        for entry in durable {
            guard let id = entry["client_order_id"]?.stringValue, let sequence = entry["sequence"]?.intValue else {
                continue
            }
            syncedAt[id] = min(syncedAt[id] ?? sequence, sequence)
        }
        for receipt in observation.received where receipt["kind"]?.stringValue == "placement" {
            guard
                let id = receipt["parent_client_order_id"]?.stringValue ?? receipt["client_order_id"]?.stringValue,
                let arrived = receipt["sequence"]?.intValue
            else { continue }
            let orderID = receipt["order_id"]?.stringValue ?? "?"
            guard let synced = syncedAt[id] else {
                problems.append("order \(orderID) (cOID \(id)) reached the twin with no intent synced to the journal")
                continue
            }
            if synced > arrived {
                problems.append(
                    "order \(orderID) (cOID \(id)) reached the twin (event \(arrived)) before its intent was synced "
                        + "(event \(synced))")
            }
        }
        return problems
    }
}

/// The client never answers `{"confirmed": true}` to an order question whose message ids are not all approved, nor
/// suppresses (answers in advance) a question that is not approved. The generic `o0` counts as approved only with a
/// text listed in `approvedGenericTexts`.
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
            // Suppressing a question answers it yes for the whole session.
            if data["method"]?.stringValue == "POST", data["path"]?.stringValue == "/iserver/questions/suppress" {
                let ids = (data["request"]?["messageIds"]?.arrayValue ?? []).compactMap(\.stringValue)
                let unapproved = ids.filter { !approvedIDs.contains($0) }
                if !unapproved.isEmpty {
                    problems.append(
                        "suppressed unapproved message id(s) \(unapproved.sorted().joined(separator: ", "))")
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

/// The twin's own bookkeeping agrees with itself after every step (TigerBeetle-style self-checks): every working
/// order rests in the matching engine exactly once, nothing else rests, and the engine's indexes and trigger levels
/// agree. A twin that drifts would make every other invariant read a wrong ground truth.
public struct TwinSelfConsistent: Invariant {
    public init() {}
    public var name: String { "the twin's books agree with themselves" }

    public func violations(in observation: Observation) -> [String] {
        (observation.state["twin_problems"]?.arrayValue ?? []).compactMap(\.stringValue)
    }
}
