import Foundation
import MCPKit
import Testing

@testable import Rehearsal

/// A scenario file around the given steps (and optional extra top-level members).
func scenarioText(steps: String, extra: String = "") -> String {
    """
    {"name": "t", "seed": 7, "start": "2026-01-06T10:00:00-05:00", \(extra)
     "instruments": [{"symbol": "AAPL", "conid": 265598, "ticks": [{"at": "+0s", "last": "190.00"}]}],
     "steps": [\(steps)]}
    """
}

@Suite("Scenario decoder")
struct ScenarioDecoderTests {
    @Test("a full scenario decodes into value types")
    func decodesEverything() throws {
        let decoded = try scenario(
            scenarioText(
                steps: """
                    {"price": {"symbol": "aapl", "last": "191.5", "bid": "191.4", "ask": "191.6"}},
                    {"advance": "1h30m", "note": "wait"},
                    {"until": "2026-01-06T15:59:00-05:00"},
                    {"session": "nightly_reset"},
                    {"fault": {"method": "post", "path": "/iserver/account/", "kind": "429", "penalty": "30s",
                               "count": "unlimited", "probability": 0.5}},
                    {"fault": {"kind": "latency", "delay": "2s", "skip": 1}},
                    {"call": "buy", "arguments": {"symbol": "AAPL", "cash_amount": 200},
                     "expect": {"ok": true, "data": {"status": "*"}}, "is_error": false},
                    {"expect_state": {"cash": {"$approx": "99800", "$tolerance": "1"}}},
                    {"restart": "server"}
                    """,
                extra: """
                    "description": "d", "account": {"cash": "5000", "positions": [{"symbol": "MSFT", "quantity": "3",
                    "average_cost": "400"}]}, "settings": {"TRADING_DRY_RUN": "false"},
                    """))
        #expect(decoded.seed == 7)
        #expect(decoded.start == Date(timeIntervalSince1970: 1_767_711_600))
        #expect(decoded.account.cash == 5000)
        #expect(decoded.account.positions == [ScenarioPosition(symbol: "MSFT", quantity: 3, averageCost: 400)])
        #expect(decoded.settings == ["TRADING_DRY_RUN": "false"])
        #expect(decoded.instruments.first?.ticks == [PriceTick(at: decoded.start, last: 190)])
        #expect(decoded.steps.count == 9)
        #expect(decoded.stepSources.count == 9)
        #expect(decoded.steps[8] == .restartServer)
        #expect(
            decoded.steps[0]
                == .price(
                    PriceMove(
                        symbol: "AAPL", last: Decimal(string: "191.5")!, bid: Decimal(string: "191.4")!,
                        ask: Decimal(string: "191.6")!)))
        #expect(decoded.steps[1] == .advance(seconds: 5400))
        #expect(decoded.steps[2] == .until(decoded.start.addingTimeInterval(5 * 3600 + 59 * 60)))
        #expect(decoded.steps[3] == .session(.nightlyReset))
        #expect(
            decoded.steps[4]
                == .fault(
                    FaultSpec(
                        method: "POST", pathPrefix: "/iserver/account/", kind: .rateLimited(penaltySeconds: 30),
                        count: nil, probability: 0.5)))
        #expect(decoded.steps[5] == .fault(FaultSpec(kind: .latency(seconds: 2), count: 1, skip: 1)))
        guard case .call(let call) = decoded.steps[6] else {
            Issue.record("step 7 is not a call")
            return
        }
        #expect(call.name == "buy")
        #expect(call.arguments == ["symbol": "AAPL", "cash_amount": 200])
        #expect(call.isError == false)
        #expect(call.expect?.pattern == ["ok": true, "data": ["status": "*"]])
    }

    @Test("settings take booleans and numbers as the text an environment would hold")
    func settingsAcceptBooleansAndNumbers() throws {
        let decoded = try scenario(
            scenarioText(
                steps: "",
                extra: #""settings": {"TRADING_DRY_RUN": false, "MAX_ORDER_VALUE": 500, "X": 1.25, "Y": "text"},"#))
        #expect(decoded.settings == ["TRADING_DRY_RUN": "false", "MAX_ORDER_VALUE": "500", "X": "1.25", "Y": "text"])
    }

    @Test("bars expand to four ticks, rising bars visit the low first")
    func barsExpand() throws {
        let decoded = try scenario(
            """
            {"name": "b", "start": "2026-01-06T15:00:00Z", "steps": [],
             "instruments": [{"symbol": "SPY", "bar_interval": "4m", "bars": [
                {"at": "+0s", "open": "10", "high": "13", "low": "9", "close": "12"},
                {"at": "+4m", "open": "12", "high": "12.5", "low": "8", "close": "8.5"}]}]}
            """)
        let ticks = try #require(decoded.instruments.first?.ticks)
        #expect(ticks.map(\.last) == [10, 9, 13, 12, 12, Decimal(string: "12.5")!, 8, Decimal(string: "8.5")!])
        #expect(ticks.map { $0.at.timeIntervalSince(decoded.start) } == [0, 60, 120, 180, 240, 300, 360, 420])
    }

    @Test("a fixture folder supplies the symbol's file")
    func fixtureFolder() throws {
        let text = """
            {"name": "f", "start": "2026-01-06T15:00:00Z", "steps": [],
             "instruments": [{"symbol": "AAPL", "fixture": "fixtures/day1"}]}
            """
        let decoded = try ScenarioDecoder.decode(Data(text.utf8), path: "s.json") { path in
            path == "fixtures/day1/AAPL.json" ? Data(#"{"ticks": [{"at": "+1m", "last": "1.25"}]}"#.utf8) : nil
        }
        #expect(decoded.instruments[0].ticks == [PriceTick(at: decoded.start.addingTimeInterval(60), last: 1.25)])
    }

    static let malformed: [(String, String)] = [
        ("{", "scenarios/test.json: is not valid JSON: expected a string key at byte 1"),
        ("[]", "scenarios/test.json: must be an object (the scenario), got array"),
        (#"{"start": "2026-01-06T10:00:00Z", "steps": []}"#, #"scenarios/test.json: field "name" is required"#),
        (
            #"{"name": "x", "start": "2026-01-06T10:00:00", "steps": []}"#,
            #"scenarios/test.json: field "start" must be "+<duration>" (e.g. "+30s") or ISO 8601 with an offset (e.g. "2026-01-06T10:00:00-05:00"), got "2026-01-06T10:00:00""#
        ),
        (
            #"{"name": "x", "start": "2026-01-06T10:00:00Z", "steps": [], "stpes": []}"#,
            #"scenarios/test.json: field "stpes" is not part of the format (known: account, description, instruments, keeper, name, seed, settings, start, steps)"#
        ),
        (
            #"{"name": "x", "start": "2026-01-06T10:00:00Z"}"#,
            #"scenarios/test.json: field "steps" is required (the timeline)"#
        ),
        (
            scenarioText(steps: "", extra: #""settings": {"MAX_ORDER_VALUE": [500]},"#),
            #"scenarios/test.json: field "settings.MAX_ORDER_VALUE" must be a string, boolean or number (settings are env values, e.g. "true", 500)"#
        ),
        (
            scenarioText(steps: "", extra: #""account": {"cash": "lots"},"#),
            #"scenarios/test.json: field "account.cash" must be a decimal string such as "190.10", got "lots""#
        ),
        (
            #"{"name": "x", "start": "2026-01-06T10:00:00Z", "steps": [], "instruments": [{"symbol": "A", "ticks": [{"at": "+1m", "last": "2"}, {"at": "+0s", "last": "1"}]}]}"#,
            #"scenarios/test.json: field "instruments[0].ticks" must be in time order (entry 1 is earlier than the one before)"#
        ),
        (
            #"{"name": "x", "start": "2026-01-06T10:00:00Z", "steps": [], "instruments": [{"symbol": "A", "ticks": [{"at": "soon", "last": "2"}]}]}"#,
            #"scenarios/test.json: field "instruments[0].ticks[0].at" must be "+<duration>" (e.g. "+30s") or ISO 8601 with an offset (e.g. "2026-01-06T10:00:00-05:00"), got "soon""#
        ),
        (
            #"{"name": "x", "start": "2026-01-06T10:00:00Z", "steps": [], "instruments": [{"symbol": "A", "ticks": [], "bars": []}]}"#,
            #"scenarios/test.json: field "instruments[0].bars" cannot be used together with "ticks" (one price source)"#
        ),
        (
            #"{"name": "x", "start": "2026-01-06T10:00:00Z", "steps": [], "instruments": [{"symbol": "A", "fixture": "nowhere"}]}"#,
            #"scenarios/test.json: field "instruments[0].fixture" names "nowhere", which cannot be read (a JSON file, or a folder with A.json)"#
        ),
        (
            scenarioText(steps: #"{"call": "buy"}, {"call": "buy", "arguments": [1]}"#),
            #"scenarios/test.json: step 2 (call): field "arguments" must be an object"#
        ),
        (
            scenarioText(steps: #"{"call": "buy", "argumnets": {}}"#),
            #"scenarios/test.json: step 1 (call): field "argumnets" is not part of the format (known: arguments, call, expect, is_error, note, save, when_saved)"#
        ),
        (
            scenarioText(steps: #"{"wait": "5m"}"#),
            "scenarios/test.json: step 1: needs one of price, advance, until, session, fault, restart, call, expect_state"
        ),
        (
            scenarioText(steps: #"{"advance": "5m", "call": "buy"}"#),
            "scenarios/test.json: step 1: has advance and call; a step does one thing"
        ),
        ("\(scenarioText(steps: "3"))", "scenarios/test.json: step 1: must be an object (a step), got integer"),
        (
            scenarioText(steps: #"{"advance": "5 minutes"}"#),
            #"scenarios/test.json: step 1 (advance): field "advance" must be a duration such as "90s", "5m", "2h" or "1h30m", got "5 minutes""#
        ),
        (
            scenarioText(steps: #"{"session": "expired"}"#),
            #"scenarios/test.json: step 1 (session): field "session" must be one of expire, competing, nightly_reset, logout, login, got "expired""#
        ),
        (
            scenarioText(steps: #"{"price": {"symbol": "MSFT", "last": "1"}}"#),
            #"scenarios/test.json: step 1 (price): field "price.symbol" names MSFT, which is not among the scenario's instruments"#
        ),
        (
            scenarioText(steps: #"{"price": {"symbol": "AAPL", "last": "-1"}}"#),
            #"scenarios/test.json: step 1 (price): field "price.last" must be a price above zero, got -1"#
        ),
        (
            scenarioText(steps: #"{"fault": {"kind": "503"}}"#),
            #"scenarios/test.json: step 1 (fault): field "fault.kind" must be one of 503_after_landing, 500, 429, timeout, latency, drop, lost_answer_hidden, competing, session_expiry, inactive, journal_write_failure, got "503""#
        ),
        (
            scenarioText(steps: #"{"fault": {"kind": "latency"}}"#),
            #"scenarios/test.json: step 1 (fault): field "fault.delay" is required for a latency fault (e.g. "2s")"#
        ),
        (
            scenarioText(steps: #"{"fault": {"kind": "500", "count": 0}}"#),
            #"scenarios/test.json: step 1 (fault): field "fault.count" must be a whole number of at least 1, got 0"#
        ),
        (
            scenarioText(steps: #"{"call": "buy", "expect": {"data": {"price": {"$aprox": 1}}}}"#),
            #"scenarios/test.json: step 1 (call): field "expect.data.price" unknown operator "$aprox" (use $approx, $contains or $matches)"#
        ),
        (
            scenarioText(steps: #"{"call": "buy", "expect": {"m": {"$matches": "("}}}"#),
            #"scenarios/test.json: step 1 (call): field "expect.m" $matches has an invalid regular expression: ("#
        ),
        (
            scenarioText(steps: #"{"expect_state": {"balance": "1"}}"#),
            #"scenarios/test.json: step 1 (expect_state): field "expect_state.balance" is not part of the format (known: account, cash, journal, orders, positions, session)"#
        ),
        (
            scenarioText(steps: #"{"call": "cancel_order", "arguments": {"order_id": "${entry}"}}"#),
            #"scenarios/test.json: step 1 (call): field "arguments" uses ${entry}, which no earlier step saves"#
        ),
        (
            scenarioText(steps: #"{"call": "buy", "save": {"entry": "data..order_id"}}"#),
            #"scenarios/test.json: step 1 (call): field "save.entry" must be a path such as "data.order_id" or "data.legs[1].order_id""#
        ),
        (
            scenarioText(steps: #"{"call": "buy", "is_error": "yes"}"#),
            #"scenarios/test.json: step 1 (call): field "is_error" must be true or false, got "yes""#
        ),
    ]

    @Test("malformed scenarios fail with file, step and field", arguments: malformed)
    func malformedScenario(text: String, message: String) {
        #expect(throws: (any Error).self) { try scenario(text) }
        do {
            _ = try scenario(text)
        } catch {
            #expect("\(error)" == message)
        }
    }
}
