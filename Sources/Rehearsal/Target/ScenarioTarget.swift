import FoundationEssentials
import MCPKit

/// What a scenario runs against: the real Valet stack (MCP server, tools, guards, adapter) on an in-process gateway
/// twin, all on one virtual clock. `ScenarioRunner` drives it one step at a time, never concurrently, and checks
/// what it answers.
///
/// Contract for implementations (the runner and the golden transcripts rely on every point):
/// - **Time.** Nothing moves virtual time except `advance(to:)` and whatever a tool call does itself (a
///   `wait_for_fill` poll, a latency fault). `now()` reports the shared clock.
/// - **Setup.** The factory builds the target from the `Scenario`: `seed`, `start`, `account` (cash, opening
///   positions), `settings` (Valet env keys, as strings), `instruments` (symbol ↔ conid; `conid` nil means the twin's
///   built-in listing). The first tick of each instrument that falls at or before `start` is applied by the runner
///   through `setPrice` before step 1, so the target need not read price paths.
/// - **Tool calls.** `callTool` sends `tools/call` with `name` and `arguments` as one JSON-RPC line over the MCP
///   transport and returns the response's `result` object (`content`, `structuredContent`, `isError`). For a JSON-RPC
///   error response it returns `{"error": <the error object>}`. The MCP `initialize` handshake is the target's job
///   and happens before step 1 (its lines may be reported by the first `drainTranscript`).
/// - **State.** `state()` inspects without side effects (no HTTP request, no clock movement, no transcript entry)
///   and returns an object:
///   ```
///   {"cash": "99810.00",
///    "positions": [{"symbol": "AAPL", "conid": 265598, "quantity": "1.0526", "average_cost": "190.00"}],
///    "orders": [{"order_id": "1001", "client_order_id": "…", "parent_id": null, "symbol": "AAPL", "side": "BUY",
///                "type": "MKT", "status": "filled", "quantity": "1.0526", "cash_amount": "200.00",
///                "limit_price": null, "stop_price": null, "filled_quantity": "1.0526", "avg_price": "190.00",
///                "notional": "200.00", "trade_date": "2026-01-06", "is_exit": false}],
///    "journal": ["<raw JSONL line>", …],
///    "session": {"authenticated": true, "competing": false, "primed": true},
///    "account": {"account_id": "DU1234567", "is_paper": true}}
///   ```
///   Decimals are strings; positions with quantity 0 are left out; orders are in placement order with the twin's
///   lowercase status (`submitted`, `presubmitted`, `filled`, `cancelled`, `inactive`, `rejected`); `notional` is
///   the order's value as the guards saw it when known; `trade_date` is the New York date it was placed (the
///   daily-cap invariant groups by it); `is_exit` marks orders that reduce a position (caps do not apply). Opening
///   positions are put straight into the twin's ledger and never appear as orders. `journal` holds the raw lines of the trade journal file,
///   untouched, so the journal-parses invariant can check them. Expectations on `journal` see parsed lines.
/// - **Transcript.** `drainTranscript()` returns, in order, what happened since the last drain: every MCP line
///   (kind `mcp_request` / `mcp_response`, data = the parsed message) and every gateway exchange (kind `gateway`,
///   data = `{"method", "path", "status", "request": body-or-null, "response": body-or-null, "fault": kind-or-null}`
///   with `path` below `/v1/api` including the query), each stamped with the virtual instant it happened at. Data
///   must be deterministic: no wall-clock times, no process-dependent ids. A target may also report each journal
///   append as kind `journal` with data `{"line": "<raw line>"}`; the intent-before-send invariant then checks the
///   order of intents and order POSTs exactly.
/// - **Errors.** `setPrice`, `session` and `inject` throw a `ScenarioTargetError` for what the target cannot do (an
///   unknown symbol, an unsupported fault); the runner stops the scenario there and reports it.
public protocol ScenarioTarget: Sendable {
    /// The shared virtual clock's current instant.
    func now() async -> Date

    /// Calls an MCP tool through the server and returns the JSON-RPC `result` (or `{"error": …}`).
    func callTool(name: String, arguments: JSONValue) async -> JSONValue

    /// Sets an instrument's trade price (and bid/ask; nil lets the twin derive them) and lets resting orders react.
    func setPrice(symbol: String, last: Decimal, bid: Decimal?, ask: Decimal?) async throws

    /// Moves virtual time forward to `instant` (a no-op when it is not later than `now()`), running every timer due.
    func advance(to instant: Date) async

    /// Makes a session event happen now.
    func session(_ event: SessionEvent) async throws

    /// Arms a fault on the gateway.
    func inject(_ fault: FaultSpec) async throws

    /// Simulates a crash of the Valet server: the MCP server, tools, guards and adapter are thrown away (in-memory
    /// state such as reservations and cached conids is lost) and built again on the same journal file, the same
    /// twin and the same clock; the new server gets a fresh `initialize` handshake.
    func restartServer() async throws

    /// The twin's orders, positions, cash and the journal's lines (see the shape above).
    func state() async -> JSONValue

    /// Transcript entries recorded since the previous call, in order.
    func drainTranscript() async -> [TranscriptEntry]
}

extension ScenarioTarget {
    /// Moves virtual time forward by a number of seconds.
    public func advance(seconds: TimeInterval) async {
        await advance(to: await now().addingTimeInterval(seconds))
    }
}

/// One event a target reports for the transcript.
public struct TranscriptEntry: Sendable, Equatable {
    /// The virtual instant it happened at.
    public var at: Date
    /// `mcp_request`, `mcp_response`, `gateway`, or a target-specific kind.
    public var kind: String
    /// The event's content (deterministic JSON).
    public var data: JSONValue

    public init(at: Date, kind: String, data: JSONValue) {
        self.at = at
        self.kind = kind
        self.data = data
    }

    public static let mcpRequest = "mcp_request"
    public static let mcpResponse = "mcp_response"
    public static let gateway = "gateway"
}

/// Something a target cannot do, said so a scenario author can fix the file.
public struct ScenarioTargetError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
