import FoundationEssentials
import HTTPCore
import SimulationKit

/// The twin's control surface for outside clients (like WireMock's admin API), under `/twin/...`, a path IBKR
/// does not use: read the ground truth, set prices, move virtual time and arm faults.
///
/// - `GET /twin/state`: cash, positions, orders (and the order objects as received), fills, questions asked,
///   session and prices, as JSON.
/// - `POST /twin/price` `{"symbol": "AAPL" | "conid": 265598, "last": "189.50", "bid"?, "ask"?}`.
/// - `POST /twin/advance` `{"seconds": 3600}`: virtual time moves on (fills, expiries, session timers run).
/// - `POST /twin/fault` `{"kind": "500" | "503_after_landing" | "429" | "timeout" | "latency" | "competing" |
///   "session_expiry" | "order_inactive", "method"?, "path"?, "count"?, "skip"?, "probability"?,
///   "penalty"?, "delay"?}`.
/// - `GET /twin/questions`: the question corpus the twin draws from, with sources.
public struct TwinAdmin: Sendable {
    public let twin: GatewayTwin
    /// Moves virtual time; `valet twin serve` passes its pacer's skip so wall and virtual clocks stay in step.
    public let advance: @Sendable (TimeInterval) -> Void

    public init(twin: GatewayTwin, advance: (@Sendable (TimeInterval) -> Void)? = nil) {
        self.twin = twin
        self.advance = advance ?? { twin.advance(seconds: $0) }
    }

    /// The admin answer, or nil when the path is not under `/twin/` (then the gateway twin answers).
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        guard path == "/twin" || path.hasPrefix("/twin/") else { return nil }
        let method = request.method.uppercased()
        let body = request.body.flatMap { $0.isEmpty ? nil : TwinJSON.parse($0) }
        if request.body.map({ !$0.isEmpty }) == true && body == nil {
            return Self.problem("the body is not JSON", hint: "send a JSON object")
        }
        switch (method, path) {
        case ("GET", "/twin/state"): return TwinHTTP.json(twin.withCore { $0.groundTruth() })
        case ("GET", "/twin/questions"): return TwinHTTP.json(Self.corpus)
        case ("POST", "/twin/price"): return setPrice(body)
        case ("POST", "/twin/advance"): return advanceTime(body)
        case ("POST", "/twin/fault"): return addFault(body)
        default:
            return Self.problem(
                "\(method) \(path) is not an admin endpoint",
                hint: "use GET /twin/state, GET /twin/questions, POST /twin/price, /twin/advance or /twin/fault",
                status: 404)
        }
    }

    static func problem(_ message: String, hint: String, status: Int = 400) -> HTTPResponse {
        TwinHTTP.json(.object(["error": .string(message), "hint": .string(hint)]), status: status)
    }

    static let corpus: TwinJSON = .array(
        TwinQuestionCorpus.all.map {
            .object(["id": .string($0.id), "text": .string($0.text), "source": .string($0.source)])
        })

    private func setPrice(_ body: TwinJSON?) -> HTTPResponse {
        let instruments = twin.configuration.instruments
        let conid =
            body?["conid"]?.intValue
            ?? body?["symbol"]?.stringValue.flatMap { symbol in
                instruments.first { $0.symbol == symbol.uppercased() }?.conid
            }
        guard let conid, instruments.contains(where: { $0.conid == conid }) else {
            return Self.problem(
                "price needs the \"symbol\" or \"conid\" of an instrument the twin lists",
                hint: "GET /twin/state lists the instruments under \"prices\"")
        }
        guard let last = Self.decimal(body?["last"]), last > 0 else {
            return Self.problem(
                "\"last\" must be a positive price", hint: "e.g. {\"symbol\": \"AAPL\", \"last\": \"189.50\"}")
        }
        let bid = Self.decimal(body?["bid"])
        let ask = Self.decimal(body?["ask"])
        if let bid, let ask, bid > ask { return Self.problem("\"bid\" is above \"ask\"", hint: "send bid ≤ ask") }
        guard twin.setPrice(conid: conid, last: last, bid: bid, ask: ask) else {
            return Self.problem("the price was refused (not on the instrument's tick grid?)", hint: "round to the tick")
        }
        return TwinHTTP.json(.object(["ok": .bool(true), "conid": .int(conid)]))
    }

    private func advanceTime(_ body: TwinJSON?) -> HTTPResponse {
        guard let seconds = Self.decimal(body?["seconds"]), seconds > 0, seconds <= 366 * 86_400 else {
            return Self.problem(
                "\"seconds\" must be a number of seconds between 0 and one year", hint: "e.g. {\"seconds\": 3600}")
        }
        let target = twin.now.addingTimeInterval(Self.double(seconds))
        guard TwinCalendar.covers(target) else {
            let (first, last) = TwinCalendar.horizon
            return Self.problem(
                "that would leave the twin's calendar horizon (\(first) to \(last))",
                hint: "the twin refuses to guess trading days it does not know")
        }
        advance(Self.double(seconds))
        return TwinHTTP.json(.object(["now": .string(TraceWriter.formatDate(twin.now))]))
    }

    private func addFault(_ body: TwinJSON?) -> HTTPResponse {
        guard let kind = body?["kind"]?.stringValue else {
            return Self.problem("a fault needs \"kind\"", hint: "one of " + Self.faultKinds.joined(separator: ", "))
        }
        let fault: TwinFault
        switch kind {
        case "500": fault = .internalServerError
        case "503_after_landing": fault = .serviceUnavailableAfterProcessing
        case "429": fault = .rateLimited(penaltySeconds: Self.decimal(body?["penalty"]).map(Self.double) ?? 60)
        case "timeout": fault = .timeout
        case "latency":
            guard let delay = Self.decimal(body?["delay"]), delay > 0 else {
                return Self.problem(
                    "a latency fault needs \"delay\" in seconds", hint: "e.g. {\"kind\": \"latency\", \"delay\": 3}")
            }
            fault = .latency(seconds: Self.double(delay))
        case "competing": fault = .competingSession
        case "session_expiry": fault = .sessionExpiry
        case "order_inactive": fault = .orderInactive
        default:
            return Self.problem(
                "unknown fault kind \"\(kind)\"", hint: "one of " + Self.faultKinds.joined(separator: ", "))
        }
        let probability = Self.decimal(body?["probability"]).map(Self.double) ?? 1
        guard probability > 0 && probability <= 1 else {
            return Self.problem("\"probability\" must be in (0, 1]", hint: "e.g. 0.3")
        }
        let count = body?["count"]?.intValue
        if let count, count < 1 { return Self.problem("\"count\" must be at least 1", hint: "omit it for unlimited") }
        twin.addFault(
            FaultRule(
                method: body?["method"]?.stringValue?.uppercased(), pathPrefix: body?["path"]?.stringValue ?? "",
                fault: fault, probability: probability, skipFirst: max(0, body?["skip"]?.intValue ?? 0),
                limit: count))
        return TwinHTTP.json(.object(["ok": .bool(true), "kind": .string(kind)]))
    }

    /// A number sent as a JSON number or as exact text (`"189.50"`).
    static func decimal(_ value: TwinJSON?) -> Decimal? {
        value?.decimalValue
            ?? value?.stringValue.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    }

    static let faultKinds = [
        "500", "503_after_landing", "429", "timeout", "latency", "competing", "session_expiry", "order_inactive",
    ]

    /// Decimal to Double through its exact text (the admin takes seconds and probabilities, not money).
    static func double(_ value: Decimal) -> Double { Double(value.description) ?? 0 }
}
