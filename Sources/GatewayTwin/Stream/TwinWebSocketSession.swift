import FoundationEssentials
import HTTPCore

/// One client's WebSocket (`/v1/api/ws`) on the twin, speaking IBKR's topics (cpapi.md §11).
///
/// Messages from the client are `TOPIC+TARGET+{json}` strings; answers and pushes are JSON objects with a `topic`.
/// Served: `smd`/`umd` (market data), `sor`/`uor` (live orders), `spl`/`upl` (P&L), `tic`, the unsolicited
/// `system` heartbeat and `sts` auth status. Pushes are computed from the twin's state when the server polls, never from a timer of its
/// own: a market-data update goes out when a subscribed field's value changed, an order update when its live-orders
/// row changed. Anything else answers an `error` message naming what the twin understood.
///
/// Not `Sendable`: the loopback server calls it on one connection thread, one call at a time.
public final class TwinWebSocketSession: WebSocketSession {
    /// Seconds between `system` heartbeats. ibind resets a socket whose last heartbeat is older than its
    /// `IBIND_WS_MAX_PING_INTERVAL` (20 s, ibind/var.py; ws/runtime/ws_health_monitor.py); IBKR's cadence is
    /// not documented, so 10 s is an assumption that keeps ibind's check satisfied.
    public static let heartbeatSeconds: TimeInterval = 10

    private let twin: GatewayTwin
    private let gatewayClock: @Sendable () -> Date
    private let beforeTurn: @Sendable () -> Void
    /// Seconds of the twin's time between two updates of one conid: cpapi.md §11 gives market data a 500 ms
    /// cadence, so changes within it are merged into the next update.
    public static let marketDataCadenceSeconds: TimeInterval = 0.5

    /// One `smd` subscription: the field ids asked for, the values last sent and when (the twin's time).
    private struct MarketDataSubscription {
        var fields: [String]
        var sent: [String: TwinJSON] = [:]
        var sentAt: Date?
    }

    /// Subscribed conid → its subscription.
    private var marketData: [Int: MarketDataSubscription] = [:]
    /// Live-orders rows last sent, by order id; nil while `sor` is not subscribed.
    private var ordersSent: [Int: TwinJSON]?
    /// The P&L rows last sent; nil while `spl` is not subscribed, `.null` before the first push.
    private var pnlSent: TwinJSON?
    private var lastStatus: (authenticated: Bool, competing: Bool)?
    private var lastHeartbeat: Date?

    /// - Parameters:
    ///   - gatewayClock: the gateway's own clock for the `hb` and `tic` stamps (default: the twin's virtual clock).
    ///     ibind compares `hb` with its wall clock (ibind/ibkr_ws/ibkr_ws_client.py `_on_system`), so `valet twin
    ///     serve` passes the wall clock here; prices and orders always come from the twin's virtual time.
    ///   - beforeTurn: called before each client message and poll (`valet twin serve` lets its pacer move the
    ///     virtual clock along with the wall clock there).
    public init(
        twin: GatewayTwin, gatewayClock: (@Sendable () -> Date)? = nil, beforeTurn: @escaping @Sendable () -> Void = {}
    ) {
        self.twin = twin
        self.gatewayClock = gatewayClock ?? { [clock = twin.clock] in clock.date }
        self.beforeTurn = beforeTurn
    }

    /// The market-data subscriptions, sorted (for tests).
    public var subscribedConids: [Int] { marketData.keys.sorted() }
    /// True while live orders (`sor`) are subscribed.
    public var ordersSubscribed: Bool { ordersSent != nil }

    /// The greeting, the first heartbeat and the auth status.
    public func opened() -> [String] {
        beforeTurn()
        // IBKR greets with a `system` message naming the user (IBEAM RealtimeSubscription.md, cpapi.md §11
        // "Unsolicited: system, sts"); the twin's user is the `twinuser` of `/sso/validate`.
        var messages = [
            TwinJSON.object([
                "topic": .string("system"), "success": .string("twinuser"), "isFT": .bool(false),
                "isPaper": .bool(true),
            ]).serialized
        ]
        messages += poll()
        return messages
    }

    /// Handles one client message (`smd+…`, `umd+…`, `sor+{}`, `uor+{}`, `spl`, `upl`, `tic`, `ech+hb`); answers
    /// the updates it makes due at once, or an `error` message.
    public func received(_ text: String) -> [String] {
        beforeTurn()
        let message = text.trimmingWhitespace
        if message == "tic" {
            // ibind's `tic()` waits for `lastAccessed` to change (ibkr_ws_client.py `tic`); the other keys are
            // an assumption.
            return [
                TwinJSON.object([
                    "topic": .string("tic"), "alive": .bool(true), "id": .string("twinuser"),
                    "lastAccessed": .int(TwinFormat.millis(gatewayClock())),
                ]).serialized
            ] + poll()
        }
        if message == "ech+hb" { return [] }  // cpapi.md §11's client heartbeat needs no answer.
        let parts = message.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let topic = parts[0]
        switch topic {
        case "smd":
            // `smd+CONID+{"fields":["31","84"]}` (cpapi.md §11; ibind MarketDataSubscription.subscribe_payload).
            guard parts.count >= 2, let conid = Int(parts[1]) else {
                return [Self.error("smd needs a conid: smd+265598+{\"fields\":[\"31\",\"84\",\"86\"]}")]
            }
            let arguments = parts.count == 3 ? TwinJSON.parse(Data(parts[2].utf8)) : nil
            if parts.count == 3, !parts[2].isEmpty, arguments?.objectValue == nil {
                return [
                    Self.error(
                        "smd+\(conid): the part after the conid must be a JSON object like {\"fields\":[\"31\"]}")
                ]
            }
            // Field ids are strings on the wire (ibind sends them so); a bare number is read the same way.
            let fields = (arguments?["fields"]?.arrayValue ?? []).compactMap {
                $0.stringValue ?? $0.intValue.map(String.init)
            }
            guard twin.withCore({ $0.market.instruments[conid] != nil }) else {
                return [Self.error("smd+\(conid): unknown conid \(conid); look it up with /iserver/secdef/search")]
            }
            // A second smd for the same conid replaces the fields; the next poll sends them all again.
            marketData[conid] = MarketDataSubscription(fields: fields.isEmpty ? ["31", "84", "86"] : fields)
        case "umd":
            // `umd+CONID+{}`: no confirmation is sent (ibind MarketDataSubscription.confirms_unsubscribe is False).
            guard parts.count >= 2, let conid = Int(parts[1]) else {
                return [Self.error("umd needs a conid: umd+265598+{}")]
            }
            marketData[conid] = nil
        case "sor":
            // `sor+{}` (cpapi.md §11); the rows already working are sent at once, then each change.
            ordersSent = [:]
        case "uor":
            ordersSent = nil
        case "spl":
            // `spl` / `upl` (cpapi.md §11; ibind PnlSubscription sends them bare).
            pnlSent = .null
        case "upl":
            pnlSent = nil
        default:
            return [
                Self.error(
                    "topic `\(topic.prefix(40))` is not served by the twin; it serves smd, umd, sor, uor, spl, upl, tic and ech"
                )
            ]
        }
        return poll()
    }

    /// What changed since the last call: a heartbeat when due, `sts` on a status change, and the subscribed
    /// topics' updates.
    public func poll() -> [String] {
        beforeTurn()
        var messages: [String] = []
        let now = gatewayClock()
        if lastHeartbeat.map({ now.timeIntervalSince($0) >= Self.heartbeatSeconds || now < $0 }) ?? true {
            // `{"topic":"system","hb":<epoch ms>}`: ibind reads `hb` as milliseconds (ibkr_ws_client.py `_on_system`).
            messages.append(
                TwinJSON.object(["topic": .string("system"), "hb": .int(TwinFormat.millis(now))]).serialized)
            lastHeartbeat = now
        }
        let subscriptions = marketData.keys.sorted().map { ($0, marketData[$0]?.fields ?? []) }
        let wantsOrders = ordersSent != nil
        let wantsPnl = pnlSent != nil
        let state = twin.withCore { core in
            (
                now: core.now,
                status: core.streamStatus(),
                quotes: subscriptions.map { conid, fields in
                    (conid, core.streamFields(conid: conid, fields: fields), core.streamUpdated(conid: conid))
                },
                orders: wantsOrders ? core.streamOrderRows() : [:],
                pnl: wantsPnl ? core.partitionedPnlRows() : nil
            )
        }
        if lastStatus.map({ $0 != state.status }) ?? true {
            // `sts` carries the auth-status object under `args`; ibind's router reads `authenticated` and
            // `competing` there (ibkr_router.py `_handle_authentication_status`).
            messages.append(
                TwinJSON.object([
                    "topic": .string("sts"),
                    "args": .object([
                        "authenticated": .bool(state.status.authenticated),
                        "competing": .bool(state.status.competing), "message": .string(""), "fail": .string(""),
                        "serverName": .string("JifTwin01"), "username": .string("twinuser"),
                    ]),
                ]).serialized)
            lastStatus = state.status
        }
        // Without a brokerage session the gateway streams nothing (cpapi.md §11: the socket needs the same
        // session as `/iserver`).
        guard state.status.authenticated else { return messages }
        for (conid, values, updated) in state.quotes {
            guard let values, var subscription = marketData[conid] else { continue }
            if let sentAt = subscription.sentAt,
                state.now.timeIntervalSince(sentAt) < Self.marketDataCadenceSeconds
            {
                continue
            }
            // Only changed fields are sent (ibind ibkr_router.py `_preprocess_market_data_message`: "API will
            // only return fields that were updated"); the first update carries every field the twin has.
            let changed = values.filter { subscription.sent[$0.key] != $0.value }
            guard !changed.isEmpty else { continue }
            var update = changed
            update["topic"] = .string("smd+\(conid)")
            update["conid"] = .int(conid)
            if let updated { update["_updated"] = .int(TwinFormat.millis(updated)) }
            messages.append(TwinJSON.object(update).serialized)
            subscription.sent.merge(changed) { $1 }
            subscription.sentAt = state.now
            marketData[conid] = subscription
        }
        if let sent = ordersSent {
            // `{"topic":"sor","args":[rows]}`: ibind's router iterates `args` as order rows (ibkr_router.py
            // `_preprocess_orders`); each row is the `/iserver/account/orders` row of that order.
            let changed = state.orders.keys.sorted().compactMap { id in
                state.orders[id].flatMap { $0 == sent[id] ? nil : $0 }
            }
            if !changed.isEmpty {
                messages.append(TwinJSON.object(["topic": .string("sor"), "args": .array(changed)]).serialized)
            }
            ordersSent = state.orders
        }
        if let pnl = state.pnl, pnl != pnlSent {
            // `{"topic":"spl","args":{"<acct>.Core":{…}}}`: the partitioned-P&L row (ibind routes topic `spl` to
            // its Pnl event, ibkr_router.py `get_ibkr_topic_event`); the `args` wrapper is an assumption.
            messages.append(TwinJSON.object(["topic": .string("spl"), "args": pnl]).serialized)
            pnlSent = pnl
        }
        return messages
    }

    /// Forgets every subscription.
    public func closed() {
        marketData = [:]
        ordersSent = nil
        pnlSent = nil
    }

    static func error(_ text: String) -> String {
        TwinJSON.object(["topic": .string("error"), "error": .string(text)]).serialized
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var result = Substring(self)
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}
