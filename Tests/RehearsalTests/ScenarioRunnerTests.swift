import Foundation
import MCPKit
import Testing

@testable import Rehearsal

@Suite("Scenario runner")
struct ScenarioRunnerTests {
    static let passing = scenarioText(
        steps: """
            {"call": "buy", "arguments": {"symbol": "AAPL", "cash_amount": 95},
             "expect": {"ok": true, "data": {"status": "filled", "filled_quantity": {"$approx": "0.5", "$tolerance": "0.001"}}}},
            {"call": "limit_buy", "arguments": {"symbol": "AAPL", "quantity": 1, "limit_price": 185},
             "expect": {"data": {"status": "submitted", "order_id": {"$matches": "^10[0-9]{2}$"}}}},
            {"advance": "2m"},
            {"expect_state": {"orders": [{"status": "filled"}, {"status": "filled", "avg_price": "184.5"}],
                              "journal": [{"kind": "intent"}, {"kind": "intent"}]}},
            {"call": "nope", "expect": {"error": {"message": {"$contains": "Unknown tool"}}}},
            {"session": "expire"},
            {"fault": {"kind": "500"}},
            {"restart": "server"}
            """,
        extra: #""settings": {"TRADING_DRY_RUN": "false", "MAX_ORDER_VALUE": "200"},"#
    ).replacingOccurrences(
        of: #"[{"at": "+0s", "last": "190.00"}]"#,
        with: #"[{"at": "+0s", "last": "190.00"}, {"at": "+1m", "last": "184.50"}, {"at": "+10m", "last": "200"}]"#)

    func run(_ text: String, prepare: @escaping @Sendable (ScriptedTarget) async -> Void = { _ in }) async throws
        -> (ScenarioRun, ScriptedTarget)
    {
        let decoded = try scenario(text)
        let target = ScriptedTarget(scenario: decoded)
        await prepare(target)
        return (await ScenarioRunner().run(decoded, on: target), target)
    }

    @Test("a scenario whose expectations hold passes, with one outcome per expectation")
    func passes() async throws {
        let (run, target) = try await run(Self.passing)
        #expect(run.failure == nil)
        #expect(run.violations == [])
        #expect(run.outcomes.map(\.label) == ["call buy", "call limit_buy", "expect_state", "call nope"])
        #expect(run.outcomes.allSatisfy { $0.passed })
        #expect(run.passed)
        // The tick at +1m was applied during the 2m advance, the one at +10m not yet.
        #expect(run.prices.map(\.last) == [190, Decimal(string: "184.5")!])
        let start = try scenario(Self.passing).start
        #expect(await target.now() == start.addingTimeInterval(120))
        #expect(await target.sessionEvents == [.expire])
        #expect(await target.faults == [FaultSpec(kind: .internalServerError)])
        let kinds = run.transcript.compactMap { try? JSONParser.parse(Data($0.utf8))["kind"]?.stringValue }
        #expect(kinds.first == "scenario")
        #expect(kinds.last == "end")
        #expect(kinds.filter { $0 == "step" }.count == 8)
        #expect(await target.restarts == 1)
        #expect(kinds.filter { $0 == "mcp_request" }.count == 3)
        #expect(kinds.filter { $0 == "gateway" }.count == 2)
        #expect(kinds.filter { $0 == "tick" }.count == 2)
    }

    @Test("a failing expectation names the step, the path, the expected and the actual value")
    func fails() async throws {
        let text = scenarioText(
            steps: """
                {"call": "buy", "arguments": {"symbol": "AAPL", "cash_amount": 95}, "is_error": true,
                 "expect": {"ok": true, "data": {"status": "cancelled"}}},
                {"expect_state": {"cash": {"$approx": "100000", "$tolerance": "1"}}}
                """,
            extra: #""settings": {"TRADING_DRY_RUN": "false"}, "account": {"cash": "100000"},"#)
        let (run, _) = try await run(text)
        #expect(!run.passed)
        #expect(run.outcomes.map(\.label) == ["call buy (is_error)", "call buy", "expect_state"])
        #expect(run.outcomes.map(\.step) == [1, 1, 2])
        #expect(run.outcomes[0].mismatches.map(\.description) == ["at isError: expected true, got false"])
        #expect(
            run.outcomes[1].mismatches.map(\.description) == [#"at data.status: expected "cancelled", got "filled""#])
        #expect(run.outcomes[2].mismatches.map(\.description) == [#"at cash: expected 100000 ± 1, got "99905""#])
        let summary = SuiteReport(results: [
            {
                var result = ScenarioResult(file: "scenarios/test.json", problem: nil)
                result.name = "t"
                result.run = run
                result.golden = .matched
                return result
            }()
        ]).summary
        #expect(summary.contains(#"FAIL step 1 call buy"#))
        #expect(summary.contains(#"      at data.status: expected "cancelled", got "filled""#))
        #expect(summary.hasSuffix("1 scenario(s), 0 passed, 1 failed"))
    }

    @Test("a saved order id is substituted into a later call; a missing save path fails")
    func saveAndSubstitute() async throws {
        let text = scenarioText(
            steps: """
                {"call": "limit_buy", "arguments": {"symbol": "AAPL", "quantity": 1, "limit_price": 100},
                 "save": {"entry": "data.order_id", "nothing": "data.legs[0].order_id"}},
                {"call": "cancel_order", "arguments": {"order_id": "${entry}"},
                 "expect": {"ok": true, "data": {"order_id": "1000", "status": "cancelled"}}}
                """,
            extra: #""settings": {"TRADING_DRY_RUN": "false"},"#)
        let (run, _) = try await run(text)
        #expect(run.outcomes.map(\.label) == ["call limit_buy (save)", "call cancel_order"])
        #expect(
            run.outcomes[0].mismatches.map(\.description)
                == ["at data.legs[0].order_id: expected a value to save as ${nothing}, got (absent)"])
        #expect(run.outcomes[1].passed)
        #expect(run.orderMarks.map(\.kind) == [.placed, .cancelled])
    }

    @Test("a save that finds nothing shows the tool's error; a later ${name} is refused, not sent as text")
    func failedSaveAndUnresolvedVariable() async throws {
        let text = scenarioText(
            steps: """
                {"call": "buy", "arguments": {"symbol": "MSFT", "cash_amount": 10}, "save": {"entry": "data.order_id"}},
                {"call": "echo", "arguments": {"order_id": "${entry}"}}
                """)
        let (run, _) = try await run(text)
        #expect(
            run.outcomes.first?.mismatches.map(\.description)
                == [
                    "at data.order_id: expected a value to save as ${entry}, got (absent; the tool failed with "
                        + "no_price: no price for MSFT)"
                ])
        #expect(
            run.failure
                == "step 2 (call): arguments use ${entry} but no value was saved under that name (an earlier save "
                + "found nothing at its path); saved so far: none; the step was not sent")
        // Only the buy reached the target: the echo with a literal "${entry}" was never sent.
        #expect(run.transcript.filter { $0.contains(#""kind":"mcp_request""#) }.count == 1)
        #expect(!run.transcript.contains { $0.contains(#""kind":"mcp_request""#) && $0.contains("echo") })
        #expect(!run.passed)
    }

    @Test("a when_saved call is skipped, not failed, when its ${name} has no value; the run goes on")
    func whenSavedSkips() async throws {
        let text = scenarioText(
            steps: """
                {"call": "buy", "arguments": {"symbol": "MSFT", "cash_amount": 10}, "save": {"entry": "data.order_id"}},
                {"call": "echo", "arguments": {"order_id": "${entry}"}, "when_saved": true},
                {"call": "echo", "arguments": {"text": "after"}}
                """)
        let (run, _) = try await run(text)
        #expect(run.failure == nil)
        let requests = run.transcript.filter { $0.contains(#""kind":"mcp_request""#) }
        // The buy and the last echo were sent; the echo needing ${entry} was not.
        #expect(requests.count == 2)
        #expect(!requests.contains { $0.contains("${entry}") })
    }

    @Test("capture paths look through objects and arrays")
    func lookup() {
        let value: JSONValue = ["data": ["legs": [["id": "a"], ["id": "b"]]]]
        #expect(Captures.lookup("data.legs[1].id", in: value) == "b")
        #expect(Captures.lookup("data.legs[2].id", in: value) == nil)
        #expect(Captures.isValidPath("a[0][1].b"))
        #expect(!Captures.isValidPath("a.[0]"))
        #expect(Captures.substitute(["x": "${v}", "y": ["${w}"]], ["v": 3]) == ["x": 3, "y": ["${w}"]])
    }

    @Test("a step the target cannot perform stops the run and says why")
    func stepError() async throws {
        let text = scenarioText(steps: #"{"fault": {"kind": "drop"}}, {"call": "echo"}"#)
        let (run, _) = try await run(text)
        #expect(run.failure == "step 1 (fault): drop faults are not supported here")
        #expect(run.transcript.contains { $0.contains(#""kind":"error""#) })
        #expect(!run.transcript.contains { $0.contains(#""index":2"#) })
        #expect(!run.passed)
    }

    @Test("an invariant broken by the target is reported after the step")
    func invariantViolation() async throws {
        let text = scenarioText(
            steps: #"{"call": "buy", "arguments": {"symbol": "AAPL", "cash_amount": 50}}"#,
            extra: #""settings": {"TRADING_DRY_RUN": "false"},"#)
        let (run, _) = try await run(text) { await $0.sendWithoutIntents() }
        #expect(
            run.violations == [
                InvariantViolation(
                    invariant: IntentBeforeSend().name, step: 1,
                    message: "order 1000 (client order id c1) has no intent in the journal")
            ])
        #expect(!run.passed)
    }

    @Test("same scenario and seed give a byte-identical transcript; virtual timestamps only")
    func determinism() async throws {
        let (first, _) = try await run(Self.passing)
        let (second, _) = try await run(Self.passing)
        #expect(first.transcriptText == second.transcriptText)
        #expect(first.transcriptText.hasPrefix(#"{"at":"2026-01-06T15:00:00.000Z","kind":"scenario","name":"t","#))
        for line in first.transcript {
            let object = try #require(try JSONParser.parse(Data(line.utf8)).objectValue)
            #expect(JSONWriter.string(.object(object)) == line, "keys are sorted and the line is canonical")
        }
    }

    @Test("the envelope is structuredContent, else the JSON text content, else the raw result")
    func envelope() {
        #expect(ScenarioRunner.envelope(of: ["structuredContent": ["ok": true]]) == ["ok": true])
        #expect(
            ScenarioRunner.envelope(of: ["content": [["type": "text", "text": #"{"ok":false}"#]]]) == ["ok": false])
        #expect(ScenarioRunner.envelope(of: ["error": ["code": 1]]) == ["error": ["code": 1]])
        #expect(
            ScenarioRunner.stateView(["journal": [#"{"kind":"intent"}"#, "torn"]])
                == ["journal": [["kind": "intent"], ["$unparsed": "torn"]]])
    }
}
