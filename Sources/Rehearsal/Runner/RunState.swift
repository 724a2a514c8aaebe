import FoundationEssentials
import MCPKit

/// The mutable side of one run: transcript, price schedule, outcomes and what the chart needs.
struct RunState {
    let scenario: Scenario
    var recorder = TranscriptRecorder()
    /// Every scheduled tick of every instrument, in time order (ties: instrument order, then file order).
    let schedule: [(symbol: String, tick: PriceTick)]
    var nextTick = 0
    var entries: [TranscriptEntry] = []
    var outcomes: [ExpectationOutcome] = []
    var violations: [InvariantViolation] = []
    var failure: String?
    var prices: [PricePoint] = []
    var marks: [OrderMark] = []
    var levelLines: [LevelLine] = []
    var refusals: [RefusedOrder] = []
    /// Values saved by `call` steps, for `${name}` in later arguments.
    var saved: [String: JSONValue] = [:]
    private var orderStatuses: [String: String] = [:]

    init(scenario: Scenario) {
        self.scenario = scenario
        var rows: [(order: Int, symbol: String, tick: PriceTick)] = []
        for instrument in scenario.instruments {
            for tick in instrument.ticks { rows.append((rows.count, instrument.symbol, tick)) }
        }
        schedule = rows.sorted { ($0.tick.at, $0.order) < ($1.tick.at, $1.order) }.map { ($0.symbol, $0.tick) }
    }

    var result: ScenarioRun {
        ScenarioRun(
            name: scenario.name, seed: scenario.seed, outcomes: outcomes, violations: violations, failure: failure,
            transcript: recorder.lines, prices: prices, orderMarks: marks, levelLines: levelLines,
            refusals: refusals)
    }

    mutating func expect(_ step: Int, _ label: String, _ mismatches: [Mismatch], target: any ScenarioTarget) async {
        outcomes.append(ExpectationOutcome(step: step, label: label, mismatches: mismatches))
        recorder.record(
            "expect", at: await target.now(),
            [
                "index": .int(step), "label": .string(label), "passed": .bool(mismatches.isEmpty),
                "mismatches": .array(mismatches.map { .string($0.description) }),
            ])
    }

    /// Compares the orders in a state snapshot with the previous one and notes placements, fills and cancels.
    mutating func noteOrders(_ state: JSONValue, at now: Date) {
        for order in (state["orders"]?.arrayValue ?? []).compactMap(\.objectValue) {
            guard let id = order["order_id"]?.stringValue else { continue }
            let status = order["status"]?.stringValue?.lowercased() ?? ""
            let previous = orderStatuses[id]
            orderStatuses[id] = status
            let symbol = order["symbol"]?.stringValue ?? ""
            let side = order["side"]?.stringValue ?? ""
            let lastPrice = prices.last { $0.symbol == symbol }?.last
            func price(_ keys: String...) -> Decimal? {
                keys.lazy.compactMap { order[$0].flatMap(ExpectationMatcher.decimal) }.first ?? lastPrice
            }
            noteLevel(of: order, id: id, status: status, at: now)
            if previous == nil {
                marks.append(
                    OrderMark(
                        at: now, symbol: symbol, kind: .placed, side: side, orderID: id,
                        price: price("stop_price", "trigger_price", "limit_price")))
            }
            guard previous != status else { continue }
            if status == "filled" {
                marks.append(
                    OrderMark(
                        at: now, symbol: symbol, kind: .filled, side: side, orderID: id, price: price("avg_price")))
            } else if status.hasPrefix("cancel") {
                marks.append(
                    OrderMark(
                        at: now, symbol: symbol, kind: .cancelled, side: side, orderID: id,
                        price: price("limit_price", "stop_price")))
            }
        }
    }

    /// Extends the level line of a working order (a stop's trigger, a limit's price), or ends it once the order
    /// stopped working.
    private mutating func noteLevel(of order: [String: JSONValue], id: String, status: String, at now: Date) {
        let symbol = order["symbol"]?.stringValue ?? ""
        let index = levelLines.lastIndex { $0.orderID == id }
        let working = !["filled", "cancelled", "inactive", "rejected"].contains(status)
        guard working else {
            if let index, levelLines[index].end == nil { levelLines[index].end = now }
            return
        }
        let level =
            order["trigger_price"].flatMap(ExpectationMatcher.decimal)
            ?? (order["type"]?.stringValue == "LMT"
                ? order["working_limit_price"].flatMap(ExpectationMatcher.decimal) : nil)
        guard let trigger = level else { return }
        let point = PricePoint(at: now, symbol: symbol, last: trigger)
        if let index {
            if levelLines[index].points.last?.last != trigger { levelLines[index].points.append(point) }
        } else {
            levelLines.append(
                LevelLine(
                    symbol: symbol, orderID: id, side: order["side"]?.stringValue ?? "",
                    orderType: order["type"]?.stringValue ?? "", points: [point], end: nil))
        }
    }

    /// Notes an order tool call the server refused, at the price it named (else the last price).
    mutating func noteRefusal(tool: String, arguments: JSONValue, envelope: JSONValue, at now: Date) {
        guard Self.orderTools.contains(tool), envelope["ok"] != .bool(true) else { return }
        let symbol = arguments["symbol"]?.stringValue?.uppercased() ?? ""
        let named = ["limit_price", "stop_price", "take_profit"].lazy
            .compactMap { arguments[$0].flatMap(ExpectationMatcher.decimal) }.first
        let side =
            arguments["side"]?.stringValue?.uppercased() ?? (tool == "buy" ? "BUY" : tool == "sell" ? "SELL" : "")
        let code = envelope["error"]?["code"]?.stringValue ?? "refused"
        refusals.append(
            RefusedOrder(
                at: now, symbol: symbol, tool: tool, side: side,
                price: named ?? prices.last { $0.symbol == symbol }?.last, code: code))
    }

    /// The tools that place or change orders.
    static let orderTools: Set<String> = [
        "buy", "sell", "close_position", "stop_order", "trailing_stop", "bracket_order", "modify_order",
    ]
}
