import FoundationEssentials
import GatewayTwin
import HTTPCore
import MCPKit
import Synchronization
import TradingDomain

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13's agent session in real time: 24 tool calls (session, quotes, account, an order of every kind, open
/// orders, cancel, close, history, reconcile) sent over pipes to a spawned `valet serve --gateway live`, whose
/// URLSession transport talks plain HTTP to the gateway twin served on loopback with IBKR's pacing enforced (the
/// `valet twin serve --pacing on` composition, run in this process so every request and every 429 is counted).
///
/// Arguments are the value types the results use: quantities and prices as decimal strings, order ids as returned.
/// Prints the wall time against the 3.5 s target, the 429s (target 0), and the gateway requests of each call.
struct SessionBenchmark {
    /// The `valet` binary spawned as the server (default: this one), to compare builds.
    var serverBinary: URL = ChildServer.selfExecutable

    /// Time between `valet serve`'s start and the session's first call.
    static let settle: Duration = .seconds(5)

    /// Counts the gateway requests the twin answered, and its 429s.
    final class Tally: Sendable {
        private let state = Mutex<(requests: [String], tooMany: Int)>(([], 0))

        func record(_ request: HTTPRequest, _ response: HTTPResponse) {
            state.withLock { state in
                let path = request.path.hasPrefix("/v1/api/") ? String(request.path.dropFirst(7)) : request.path
                state.requests.append("\(request.method) \(path)" + (response.status == 429 ? " → 429" : ""))
                if response.status == 429 { state.tooMany += 1 }
            }
        }

        var count: Int { state.withLock { $0.requests.count } }
        var tooMany: Int { state.withLock { $0.tooMany } }
        func requests(from start: Int) -> [String] { state.withLock { Array($0.requests.dropFirst(start)) } }
    }

    /// One call's figures.
    struct Step {
        var tool: String
        var arguments: String
        var time: Duration
        var requests: [String]
        var ok: Bool
        /// The data, or the error code of a failure.
        var answer: JSONValue
    }

    func run(io: ConsoleIO, score: inout BenchScore) throws {
        if !ExchangeCalendar.nyse.isRegularSession(at: Date()) {
            io.out(
                "bench.session: NYSE's regular session is closed now, so Valet's trading-hours guard refuses the "
                    + "session's buys and sells and the figure below is not the target's; run it in regular hours")
        }
        let (server, tally) = try Self.pacedTwin()
        defer { server.stop() }
        let journal = FileManager.default.temporaryDirectory
            .appendingPathComponent("valet-bench-session-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: journal) }
        var environment = ProcessInfo.processInfo.environment
        let settings = [
            "IBKR_API_BASE_URL": "http://127.0.0.1:\(server.port)/v1/api",
            "IBKR_ACCOUNT_ID": TwinConfiguration().accountID,
            "IBKR_TRADING_MODE": "paper", "TRADING_DRY_RUN": "false", "MAX_ORDER_VALUE": "100000",
            "MAX_DAILY_VALUE": "", "DUPLICATE_WINDOW_SECONDS": "0", "TRADE_JOURNAL_PATH": journal.path,
        ]
        for (key, value) in settings { environment[key] = value }
        let child = try ChildServer(
            executable: serverBinary, arguments: ["serve", "--gateway", "live"], environment: environment)
        child.send(MCPBenchmark.initialize)
        guard child.readLine() != nil else {
            child.finish()
            throw BenchmarkFailure("valet serve closed before initialize")
        }
        child.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        // valet serve's keeper logs in at start and opens IBKR's live-orders feed, whose first listing IBKR paces
        // 5 s after that: a server started with the agent's app has had that time before the agent's first call.
        usleep(UInt32(Self.settle.components.seconds) * 1_000_000)

        let clock = ContinuousClock()
        let start = clock.now
        let startUpRequests = tally.count
        var session = Session(child: child, tally: tally, clock: clock)
        do {
            try session.play()
        } catch {
            child.finish()
            throw error
        }
        let wall = clock.now - start

        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        score.report(
            "bench.session", "\(seconds.fixed(3)) s wall", value: seconds, target: .below(3.5 + 1e-9, "s"),
            details:
                "\(session.steps.count) calls, \(tally.count - startUpRequests) gateway requests (and "
                + "\(startUpRequests) at start-up); valet serve --gateway live over http to the twin with IBKR pacing; "
                + "the session starts 5 s after serve, whose keeper logged in and opened IBKR's live-orders feed at "
                + "start", io: io)
        score.report(
            "bench.session_429s", "\(tally.tooMany) HTTP 429", value: Double(tally.tooMany), target: .below(1, "429s"),
            details: "IBKR's pacing answered 429 this many times during the session", io: io)
        for step in session.steps {
            let milliseconds =
                Double(step.time.components.seconds) * 1e3
                + Double(step.time.components.attoseconds) / 1e15
            io.out(
                "  \(step.tool) \(step.arguments): \(milliseconds.fixed(1)) ms, \(step.requests.count) request(s)"
                    + (step.ok ? "" : " [error \(JSONWriter.string(step.answer))]")
                    + (step.requests.isEmpty ? "" : " — " + step.requests.joined(separator: ", ")))
        }
        child.finish()
        try dryRunFigures(environment: environment, io: io, score: &score)
    }

    /// A twin served as `valet twin serve` serves it, IBKR's pacing on, counting every request and answer.
    private static func pacedTwin() throws -> (LoopbackHTTPServer, Tally) {
        let tally = Tally()
        var configuration = TwinConfiguration()
        configuration.pacing = TwinPacing()
        let (server, _) = try TwinServeCommand.serve(
            configuration, speed: 1, port: 0, observe: { tally.record($0, $1) })
        return (server, tally)
    }

    /// The warm requests of a dry-run buy (target 0: nothing is sent, and the facts the guards need are known) on
    /// a second server with TRADING_DRY_RUN=true, against a twin of its own (two servers on one gateway share
    /// IBKR's pacing, and would measure each other).
    private func dryRunFigures(environment: [String: String], io: ConsoleIO, score: inout BenchScore) throws {
        let (server, tally) = try Self.pacedTwin()
        defer { server.stop() }
        var environment = environment
        environment["TRADING_DRY_RUN"] = "true"
        environment["IBKR_API_BASE_URL"] = "http://127.0.0.1:\(server.port)/v1/api"
        let child = try ChildServer(
            executable: serverBinary, arguments: ["serve", "--gateway", "live"], environment: environment)
        defer { child.finish() }
        child.send(MCPBenchmark.initialize)
        guard child.readLine() != nil else { throw BenchmarkFailure("valet serve closed before initialize") }
        child.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        var session = Session(child: child, tally: tally, clock: ContinuousClock())
        for _ in 0..<2 { _ = try session.call("buy", #"{"symbol":"AAPL","cash_amount":"50"}"#) }
        guard let warm = session.steps.last else { return }
        score.report(
            "bench.session.dry_run_buy_warm", "\(warm.requests.count) gateway request(s)",
            value: Double(warm.requests.count), target: .below(1, "requests"),
            details:
                "a warm dry-run buy on its own twin; \(tally.tooMany) HTTP 429"
                + (warm.ok ? "" : " [error \(JSONWriter.string(warm.answer))]")
                + (warm.requests.isEmpty ? "" : " — " + warm.requests.joined(separator: ", ")), io: io)
    }

    /// The 24 calls, each built from what earlier results said.
    struct Session {
        let child: ChildServer
        let tally: Tally
        let clock: ContinuousClock
        var steps: [Step] = []
        var nextID = 1

        mutating func play() throws {
            _ = try call("market_status")
            _ = try call("session_status")
            _ = try call("get_quote", #"{"symbol":"KO"}"#)
            let quotes = try call("get_quotes", #"{"symbols":["AAPL","KO","MSFT"]}"#)
            _ = try call("account_summary")
            _ = try call("positions")
            _ = try call("portfolio")
            _ = try call("preview_order", #"{"symbol":"AAPL","side":"BUY","cash_amount":"50"}"#)
            let dollarBuy = try call("buy", #"{"symbol":"AAPL","cash_amount":"50"}"#)
            let dollarID = dollarBuy["order_id"]?.stringValue ?? "0"
            let fill = try call("wait_for_fill", #"{"order_id":"\#(dollarID)","timeout_seconds":5}"#)
            let ko = Self.last(quotes, "KO")
            let limit = Self.price(ko * Decimal(string: "0.98")!)
            let limitBuy = try call("buy", #"{"symbol":"KO","quantity":"1","limit_price":"\#(limit)"}"#)
            let limitID = limitBuy["order_id"]?.stringValue ?? "0"
            _ = try call("order_status", #"{"order_id":"\#(limitID)"}"#)
            _ = try call("open_orders")
            _ = try call("cancel_order", #"{"order_id":\#(limitID)}"#)
            // Three shares: the stop and the trailing stop protect one each, so selling the third is an exit (with
            // two, the account-level guard rightly refuses the sale as an over-commitment of the position).
            _ = try call("buy", #"{"symbol":"KO","quantity":3}"#)
            let stop = Self.price(ko * Decimal(string: "0.9")!)
            _ = try call("stop_order", #"{"symbol":"KO","side":"SELL","quantity":"1","stop_price":"\#(stop)"}"#)
            _ = try call("trailing_stop", #"{"symbol":"KO","side":"SELL","quantity":1,"trail_percent":"5"}"#)
            let msft = Self.last(quotes, "MSFT")
            let (profit, loss) = (
                Self.price(msft * Decimal(string: "1.05")!), Self.price(msft * Decimal(string: "0.95")!)
            )
            _ = try call(
                "bracket_order", #"{"symbol":"MSFT","quantity":"1","take_profit":"\#(profit)","stop_loss":"\#(loss)"}"#)
            _ = try call("open_orders")
            _ = try call("sell", #"{"symbol":"KO","quantity":"1"}"#)
            // The dollar buy's fractional fill, as the result gave it ("0.2631"), is what the close sells.
            _ = fill
            _ = try call("close_position", #"{"symbol":"AAPL"}"#)
            _ = try call("executions", #"{"days":1}"#)
            _ = try call("trade_history", #"{"limit":20}"#)
            _ = try call("reconcile_pending")
        }

        /// Sends one `tools/call` and returns its `data` (null on a failure, which the step records).
        mutating func call(_ tool: String, _ arguments: String = "{}") throws -> JSONValue {
            let id = nextID
            nextID += 1
            let before = tally.count
            let start = clock.now
            child.send(
                #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#
            )
            var answer: JSONValue?
            while let line = child.readLine() {
                guard let message = try? JSONParser.parse(Data(line.utf8)) else { continue }
                if message["id"] == .int(id) {
                    answer = message
                    break
                }
            }
            let time = clock.now - start
            guard let answer else { throw BenchmarkFailure("valet serve closed during \(tool)") }
            let structured = answer["result"]?["structuredContent"]
            let ok = structured?["ok"] == .bool(true)
            let shown = ok ? structured?["data"] : structured?["error"]?["code"]
            steps.append(
                Step(
                    tool: tool, arguments: arguments, time: time, requests: tally.requests(from: before), ok: ok,
                    answer: shown ?? .null))
            return ok ? structured?["data"] ?? .null : .null
        }

        /// The last price of `symbol` in a `get_quotes` result (100 when it is missing, so the session goes on).
        static func last(_ quotes: JSONValue, _ symbol: String) -> Decimal {
            guard case .array(let rows)? = quotes["quotes"] else { return 100 }
            let text = rows.first { $0["symbol"]?.stringValue == symbol }?["last_price"]?.stringValue
            return text.flatMap { Decimal(string: $0) } ?? 100
        }

        /// A price rounded to the cent, as text.
        static func price(_ value: Decimal) -> String {
            "\(value.rounded(places: 2))"
        }
    }
}
