import FoundationEssentials
import MCPKit

/// Decodes one timeline step: an object with exactly one keyword (`price`, `advance`, `until`, `session`, `fault`,
/// `restart`, `call`, `expect_state`), an optional `note`, and for `call` the keys `arguments`, `expect`, `is_error`.
enum StepDecoder {
    static let keywords = ["price", "advance", "until", "session", "fault", "restart", "call", "expect_state"]
    static let stateKeys: Set<String> = ["orders", "positions", "cash", "journal", "session", "account"]

    static func decode(_ value: JSONValue, number: Int, scenario: Scenario) throws(ScenarioFormatError)
        -> ScenarioStep
    {
        let file = scenario.sourcePath
        var keyword: String?
        if case .object(let members) = value {
            let present = keywords.filter { members[$0] != nil }
            guard present.count == 1 else {
                throw ScenarioFormatError(
                    file: file, step: number, field: "",
                    problem: present.isEmpty
                        ? "needs one of \(keywords.joined(separator: ", "))"
                        : "has \(present.joined(separator: " and ")); a step does one thing")
            }
            keyword = present[0]
        }
        let stepKeyword = keyword
        let reader = try FieldReader(value, prefix: "", what: "a step") { field, problem in
            ScenarioFormatError(file: file, step: number, keyword: stepKeyword, field: field, problem: problem)
        }
        _ = try reader.string("note")
        switch keyword {
        case "call":
            try reader.allowOnly(["call", "arguments", "expect", "is_error", "save", "when_saved", "note"])
            let call = try decodeCall(reader)
            let known = Set(
                scenario.steps.flatMap { step -> [String] in
                    if case .call(let earlier) = step { return Array(earlier.save.keys) }
                    return []
                })
            if let unknown = Captures.references(in: call.arguments).first(where: { !known.contains($0) }) {
                throw reader.error("arguments", "uses ${\(unknown)}, which no earlier step saves")
            }
            return .call(call)
        case let other?:
            try reader.allowOnly([other, "note"])
        case nil:
            break
        }
        switch keyword {
        case "price": return .price(try decodePrice(reader, scenario: scenario))
        case "advance":
            guard let seconds = try reader.duration("advance") else { throw reader.error("advance", "is required") }
            return .advance(seconds: seconds)
        case "until": return .until(try reader.instant("until", start: scenario.start))
        case "session":
            let text = try reader.requiredString("session")
            guard let event = SessionEvent(rawValue: text) else {
                let known = SessionEvent.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.error("session", "must be one of \(known), got \"\(text)\"")
            }
            return .session(event)
        case "fault": return .fault(try decodeFault(reader))
        case "restart":
            guard try reader.string("restart") == "server" else {
                throw reader.error("restart", "must be \"server\" (the Valet server restarts on the same journal)")
            }
            return .restartServer
        default: return .expectState(try decodeState(reader))
        }
    }

    private static func decodeCall(_ reader: FieldReader) throws(ScenarioFormatError) -> ToolCall {
        var call = ToolCall(name: try reader.requiredString("call"))
        if let arguments = reader.members["arguments"] {
            guard case .object = arguments else { throw reader.error("arguments", "must be an object") }
            call.arguments = arguments
        }
        if let pattern = reader.members["expect"] {
            call.expect = try expectation(pattern, field: "expect", reader: reader)
        }
        call.isError = try reader.bool("is_error")
        call.onlyWhenSaved = try reader.bool("when_saved") ?? false
        if let save = reader.members["save"] {
            let saves = try FieldReader(save, prefix: "save", what: "variable names to paths", fail: reader.fail)
            for name in saves.members.keys.sorted() {
                let path = try saves.requiredString(name)
                guard Captures.isValidPath(path) else {
                    throw saves.error(name, "must be a path such as \"data.order_id\" or \"data.legs[1].order_id\"")
                }
                call.save[name] = path
            }
        }
        return call
    }

    private static func decodePrice(_ reader: FieldReader, scenario: Scenario) throws(ScenarioFormatError)
        -> PriceMove
    {
        let move = try FieldReader(
            reader.members["price"] ?? .null, prefix: "price", what: "symbol, last, bid?, ask?", fail: reader.fail)
        try move.allowOnly(["symbol", "last", "bid", "ask"])
        let symbol = try move.requiredString("symbol").uppercased()
        guard scenario.instruments.isEmpty || scenario.instrument(symbol) != nil else {
            throw move.error("symbol", "names \(symbol), which is not among the scenario's instruments")
        }
        let price = PriceMove(
            symbol: symbol, last: try move.requiredPrice("last"), bid: try move.price("bid"),
            ask: try move.price("ask"))
        if let bid = price.bid, let ask = price.ask, bid > ask {
            throw move.error("bid", "must not be above the ask")
        }
        return price
    }

    private static func decodeFault(_ reader: FieldReader) throws(ScenarioFormatError) -> FaultSpec {
        let fault = try FieldReader(
            reader.members["fault"] ?? .null, prefix: "fault", what: "method?, path?, kind, count?", fail: reader.fail)
        try fault.allowOnly(["method", "path", "kind", "count", "skip", "probability", "penalty", "delay", "hide"])
        let kindText = try fault.requiredString("kind")
        let kind: FaultKind
        switch kindText {
        case "503_after_landing": kind = .serviceUnavailableAfterLanding
        case "500": kind = .internalServerError
        case "429": kind = .rateLimited(penaltySeconds: try fault.duration("penalty") ?? 60)
        case "timeout": kind = .timeout
        case "drop": kind = .drop
        case "lost_answer_hidden": kind = .lostAnswerHidden(seconds: try fault.duration("hide") ?? 30)
        case "competing": kind = .competingSession
        case "session_expiry": kind = .sessionExpiry
        case "inactive": kind = .orderInactive
        case "journal_write_failure": kind = .journalWriteFailure
        case "latency":
            guard let delay = try fault.duration("delay") else {
                throw fault.error("delay", "is required for a latency fault (e.g. \"2s\")")
            }
            kind = .latency(seconds: delay)
        default:
            throw fault.error(
                "kind",
                "must be one of 503_after_landing, 500, 429, timeout, latency, drop, lost_answer_hidden, competing, "
                    + "session_expiry, inactive, journal_write_failure, got "
                    + "\"\(kindText)\"")
        }
        if fault.has("penalty"), kindText != "429" { throw fault.error("penalty", "only applies to kind 429") }
        if fault.has("delay"), kindText != "latency" { throw fault.error("delay", "only applies to kind latency") }
        if fault.has("hide"), kindText != "lost_answer_hidden" {
            throw fault.error("hide", "only applies to kind lost_answer_hidden")
        }
        var spec = FaultSpec(kind: kind)
        if let method = try fault.string("method") {
            guard ["GET", "POST", "PUT", "DELETE"].contains(method.uppercased()) else {
                throw fault.error("method", "must be GET, POST, PUT or DELETE, got \"\(method)\"")
            }
            spec.method = method.uppercased()
        }
        if let path = try fault.string("path") {
            guard path.hasPrefix("/") else { throw fault.error("path", "must start with / (below /v1/api)") }
            spec.pathPrefix = path
        }
        if case .string("unlimited")? = fault.members["count"] {
            spec.count = nil
        } else {
            spec.count = try fault.int("count", minimum: 1) ?? 1
        }
        spec.skip = try fault.int("skip", minimum: 0) ?? 0
        if let probability = fault.members["probability"] {
            guard let value = probability.doubleValue, value > 0, value <= 1 else {
                throw fault.error("probability", "must be a number above 0 and at most 1")
            }
            spec.probability = value
        }
        return spec
    }

    private static func decodeState(_ reader: FieldReader) throws(ScenarioFormatError) -> Expectation {
        let state = try FieldReader(
            reader.members["expect_state"] ?? .null, prefix: "expect_state", what: "a pattern of the twin's state",
            fail: reader.fail)
        try state.allowOnly(stateKeys)
        return try expectation(.object(state.members), field: "expect_state", reader: reader)
    }

    private static func expectation(_ pattern: JSONValue, field: String, reader: FieldReader)
        throws(ScenarioFormatError) -> Expectation
    {
        do {
            return try Expectation(pattern: pattern)
        } catch {
            let path = error.path == "(top)" ? field : "\(field).\(error.path)"
            throw reader.fail(path, error.message)
        }
    }
}
