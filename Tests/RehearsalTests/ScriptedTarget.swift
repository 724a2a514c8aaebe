import Foundation
import MCPKit
import Rehearsal

/// A fake `ScenarioTarget` with a tiny deterministic broker: `buy` with `cash_amount` fills at the last price,
/// `limit_buy` rests until the price falls to its limit, `cancel_order` cancels, `echo` answers its arguments, and
/// any other tool answers a JSON-RPC error. It records MCP lines and one gateway exchange per call, like the real
/// composition would.
actor ScriptedTarget: ScenarioTarget {
    struct Order {
        var id: String
        var symbol: String
        var side: String
        var quantity: Decimal
        var limit: Decimal?
        var status: String
        var avgPrice: Decimal?
        var clientOrderID: String
    }

    private(set) var clock: Date
    private var prices: [String: Decimal] = [:]
    private var orders: [Order] = []
    private var journal: [String] = []
    private var cash: Decimal
    private var entries: [TranscriptEntry] = []
    private var nextRequestID = 1
    private(set) var faults: [FaultSpec] = []
    private(set) var sessionEvents: [SessionEvent] = []
    /// Extra journal lines or orders a test can plant to break an invariant.
    private var extraJournal: [String] = []
    private var skipsIntents = false

    init(scenario: Scenario) {
        clock = scenario.start
        cash = scenario.account.cash
    }

    func plantJournalLine(_ line: String) { extraJournal.append(line) }
    /// The planted bug: orders reach the gateway with no intent in the journal.
    func sendWithoutIntents() { skipsIntents = true }

    func now() -> Date { clock }

    func callTool(name: String, arguments: JSONValue) -> JSONValue {
        let id = nextRequestID
        nextRequestID += 1
        entries.append(
            TranscriptEntry(
                at: clock, kind: TranscriptEntry.mcpRequest,
                data: [
                    "jsonrpc": "2.0", "id": .int(id), "method": "tools/call",
                    "params": ["name": .string(name), "arguments": arguments],
                ]))
        let result = respond(name, arguments)
        entries.append(
            TranscriptEntry(
                at: clock, kind: TranscriptEntry.mcpResponse,
                data: ["jsonrpc": "2.0", "id": .int(id), "result": result]))
        return result
    }

    private func respond(_ name: String, _ arguments: JSONValue) -> JSONValue {
        let symbol = arguments["symbol"]?.stringValue ?? ""
        switch name {
        case "echo":
            return ["structuredContent": ["ok": true, "data": arguments], "content": [], "isError": false]
        case "buy", "limit_buy":
            guard let last = prices[symbol] else {
                return envelope([
                    "ok": false, "error": ["code": "no_price", "message": .string("no price for \(symbol)")],
                ])
            }
            let cashAmount = arguments["cash_amount"].flatMap { $0.doubleValue.map { Decimal($0) } } ?? 0
            let limit = arguments["limit_price"]?.doubleValue.map { Decimal($0) }
            let quantity = arguments["quantity"]?.doubleValue.map { Decimal($0) } ?? (cashAmount / last)
            let id = String(1000 + orders.count)
            let cOID = "c\(orders.count + 1)"
            if !skipsIntents { journal.append(#"{"client_order_id":"\#(cOID)","kind":"intent"}"#) }
            var order = Order(
                id: id, symbol: symbol, side: "BUY", quantity: quantity, limit: limit, status: "submitted",
                clientOrderID: cOID)
            entries.append(
                TranscriptEntry(
                    at: clock, kind: TranscriptEntry.gateway,
                    data: [
                        "method": "POST", "path": "/iserver/account/DU1/orders", "status": 200,
                        "request": ["orders": [["cOID": .string(cOID)]]], "response": [["order_id": .string(id)]],
                    ]))
            if limit == nil {
                order.status = "filled"
                order.avgPrice = last
                cash -= quantity * last
            }
            orders.append(order)
            return envelope([
                "ok": true,
                "data": [
                    "order_id": .string(id), "status": .string(order.status),
                    "filled_quantity": order.status == "filled" ? .string(format(quantity)) : .null,
                ],
            ])
        case "cancel_order":
            let id = arguments["order_id"]?.stringValue ?? ""
            guard let index = orders.firstIndex(where: { $0.id == id }) else {
                return envelope(["ok": false, "error": ["message": .string("no order \(id)")]], isError: true)
            }
            orders[index].status = "cancelled"
            return envelope(["ok": true, "data": ["order_id": .string(id), "status": "cancelled"]])
        default:
            return ["error": ["code": -32602, "message": .string("Unknown tool: \(name)")]]
        }
    }

    private func envelope(_ value: JSONValue, isError: Bool = false) -> JSONValue {
        [
            "structuredContent": value, "content": [["type": "text", "text": .string(JSONWriter.string(value))]],
            "isError": .bool(isError),
        ]
    }

    func setPrice(symbol: String, last: Decimal, bid: Decimal?, ask: Decimal?) throws {
        guard symbol != "NOPE" else { throw ScenarioTargetError("unknown symbol NOPE") }
        prices[symbol] = last
        for index in orders.indices where orders[index].status == "submitted" && orders[index].symbol == symbol {
            if let limit = orders[index].limit, last <= limit {
                orders[index].status = "filled"
                orders[index].avgPrice = last
                cash -= orders[index].quantity * last
            }
        }
    }

    func advance(to instant: Date) {
        if instant > clock { clock = instant }
    }

    func session(_ event: SessionEvent) { sessionEvents.append(event) }

    private(set) var restarts = 0
    func restartServer() { restarts += 1 }

    func inject(_ fault: FaultSpec) throws {
        if case .drop = fault.kind { throw ScenarioTargetError("drop faults are not supported here") }
        faults.append(fault)
    }

    func state() -> JSONValue {
        var holdings: [String: Decimal] = [:]
        for order in orders where order.status == "filled" { holdings[order.symbol, default: 0] += order.quantity }
        return [
            "cash": .string(format(cash)),
            "positions": .array(
                holdings.keys.sorted().map { ["symbol": .string($0), "quantity": .string(format(holdings[$0] ?? 0))] }),
            "orders": .array(
                orders.map { order in
                    [
                        "order_id": .string(order.id), "client_order_id": .string(order.clientOrderID),
                        "parent_id": nil, "symbol": .string(order.symbol), "side": .string(order.side),
                        "status": .string(order.status), "quantity": .string(format(order.quantity)),
                        "limit_price": order.limit.map { .string(format($0)) } ?? .null,
                        "avg_price": order.avgPrice.map { .string(format($0)) } ?? .null,
                    ]
                }),
            "journal": .array((journal + extraJournal).map(JSONValue.string)),
        ]
    }

    func drainTranscript() -> [TranscriptEntry] {
        defer { entries = [] }
        return entries
    }

    private func format(_ value: Decimal) -> String {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 4, .down)
        return "\(rounded)"
    }
}

/// Builds a fresh `ScriptedTarget` per run, optionally adjusted by the test.
struct ScriptedFactory: ScenarioTargetFactory {
    var prepare: @Sendable (ScriptedTarget) async -> Void = { _ in }

    func makeScenarioTarget(for scenario: Scenario) async throws -> any ScenarioTarget {
        let target = ScriptedTarget(scenario: scenario)
        await prepare(target)
        return target
    }
}

/// Decodes scenario text from a test (fails the test with the decoder's message on a bad file).
func scenario(_ text: String, path: String = "scenarios/test.json") throws -> Scenario {
    try ScenarioDecoder.decode(Data(text.utf8), path: path)
}
