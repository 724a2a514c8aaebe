import FoundationEssentials
import MCPKit

/// Runs a scenario's steps in order on a target, checks every expectation and invariant, and writes the transcript.
///
/// The transcript holds, in order: a `scenario` line, a `tick` line per scheduled price applied, a `step` line per
/// step (the step as written), the target's entries (`mcp_request`, `mcp_response`, `gateway`, …), an `expect` line
/// per expectation, an `invariant` line per violation, an `error` line if a step could not run, and an `end` line.
public struct ScenarioRunner: Sendable {
    public var invariants: [any Invariant]

    public init(invariants: [any Invariant] = StandardInvariants.all) {
        self.invariants = invariants
    }

    public func run(_ scenario: Scenario, on target: any ScenarioTarget) async -> ScenarioRun {
        var state = RunState(scenario: scenario)
        state.recorder.record(
            "scenario", at: await target.now(),
            [
                "name": .string(scenario.name), "seed": .string(String(scenario.seed)),
                "start": .string(TimeText.format(scenario.start)),
                "settings": .object(scenario.settings.mapValues { .string($0) }),
            ])
        do {
            try await applyTicks(until: await target.now(), target: target, state: &state)
            await afterStep(0, target: target, state: &state)
            for (offset, step) in scenario.steps.enumerated() {
                let number = offset + 1
                state.recorder.record(
                    "step", at: await target.now(),
                    ["index": .int(number), "step": scenario.stepSources[offset]])
                do {
                    try await perform(step, number: number, target: target, state: &state)
                } catch {
                    state.failure = "step \(number) (\(step.keyword)): \(error)"
                    state.recorder.record(
                        "error", at: await target.now(), ["index": .int(number), "message": .string("\(error)")])
                    await afterStep(number, target: target, state: &state)
                    break
                }
                await afterStep(number, target: target, state: &state)
            }
        } catch {
            state.failure = "setup: \(error)"
            state.recorder.record("error", at: await target.now(), ["index": .int(0), "message": .string("\(error)")])
        }
        let run = state.result
        state.recorder.record("end", at: await target.now(), ["passed": .bool(run.passed)])
        var finished = state.result
        finished.transcript = state.recorder.lines
        return finished
    }

    private func perform(_ step: ScenarioStep, number: Int, target: any ScenarioTarget, state: inout RunState)
        async throws
    {
        switch step {
        case .price(let move):
            try await target.setPrice(symbol: move.symbol, last: move.last, bid: move.bid, ask: move.ask)
            state.prices.append(PricePoint(at: await target.now(), symbol: move.symbol, last: move.last))
        case .advance(let seconds):
            let until = await target.now().addingTimeInterval(seconds)
            try await applyTicks(until: until, target: target, state: &state)
            await target.advance(to: until)
        case .until(let instant):
            try await applyTicks(until: instant, target: target, state: &state)
            await target.advance(to: instant)
        case .session(let event):
            try await target.session(event)
        case .fault(let fault):
            try await target.inject(fault)
        case .restartServer:
            try await target.restartServer()
        case .call(let call):
            // A `${name}` left unresolved (its save found nothing) would reach the tool as literal text: refuse.
            let unresolved = Captures.references(in: call.arguments).filter { state.saved[$0] == nil }
            if !unresolved.isEmpty {
                if call.onlyWhenSaved { return }
                throw UnresolvedVariableError(names: unresolved, saved: state.saved.keys.sorted())
            }
            let arguments = Captures.substitute(call.arguments, state.saved)
            let result = await target.callTool(name: call.name, arguments: arguments)
            await drain(target, state: &state)
            let envelope = Self.envelope(of: result)
            state.noteRefusal(tool: call.name, arguments: arguments, envelope: envelope, at: await target.now())
            var missing: [Mismatch] = []
            for name in call.save.keys.sorted() {
                let path = call.save[name] ?? ""
                if let value = Captures.lookup(path, in: envelope) {
                    state.saved[name] = value
                } else {
                    missing.append(
                        Mismatch(
                            path: path, expected: "a value to save as ${\(name)}",
                            actual: Self.toolError(in: envelope).map { "(absent; the tool failed with \($0))" }
                                ?? "(absent)"))
                }
            }
            if !missing.isEmpty { await state.expect(number, "call \(call.name) (save)", missing, target: target) }
            if let isError = call.isError {
                let actual = result["isError"] ?? .bool(false)
                let mismatches =
                    actual == .bool(isError)
                    ? [] : [Mismatch(path: "isError", expected: "\(isError)", actual: JSONWriter.string(actual))]
                await state.expect(number, "call \(call.name) (is_error)", mismatches, target: target)
            }
            if let expectation = call.expect {
                let mismatches = expectation.mismatches(in: envelope)
                await state.expect(number, "call \(call.name)", mismatches, target: target)
            }
        case .expectState(let expectation):
            let view = Self.stateView(await target.state())
            await state.expect(number, "expect_state", expectation.mismatches(in: view), target: target)
        }
    }

    /// Applies every scheduled tick due by `until`, moving time to each tick first.
    private func applyTicks(until: Date, target: any ScenarioTarget, state: inout RunState) async throws {
        while state.nextTick < state.schedule.count, state.schedule[state.nextTick].tick.at <= until {
            let (symbol, tick) = state.schedule[state.nextTick]
            state.nextTick += 1
            await target.advance(to: tick.at)
            try await target.setPrice(symbol: symbol, last: tick.last, bid: tick.bid, ask: tick.ask)
            let now = await target.now()
            var fields: [String: JSONValue] = ["symbol": .string(symbol), "last": tick.last.json]
            fields["bid"] = tick.bid?.json
            fields["ask"] = tick.ask?.json
            state.recorder.record("tick", at: now, fields)
            state.prices.append(PricePoint(at: now, symbol: symbol, last: tick.last))
            // Fills and cancels a tick causes are marked when they happen, not at the end of the step.
            state.noteOrders(await target.state(), at: now)
        }
    }

    /// Records what the target reported, then checks invariants and notes order events for the chart.
    private func afterStep(_ number: Int, target: any ScenarioTarget, state: inout RunState) async {
        await drain(target, state: &state)
        let snapshot = await target.state()
        let now = await target.now()
        state.noteOrders(snapshot, at: now)
        let observation = Observation(
            step: number, settings: state.scenario.settings, state: snapshot, entries: state.entries)
        for invariant in invariants {
            for message in invariant.violations(in: observation) {
                state.violations.append(InvariantViolation(invariant: invariant.name, step: number, message: message))
                state.recorder.record(
                    "invariant", at: now,
                    ["index": .int(number), "invariant": .string(invariant.name), "message": .string(message)])
            }
        }
    }

    private func drain(_ target: any ScenarioTarget, state: inout RunState) async {
        for entry in await target.drainTranscript() {
            state.entries.append(entry)
            state.recorder.record(entry)
        }
    }

    /// What `expect` is matched against: the tool's `structuredContent`, else the JSON in its first text content,
    /// else the result as it came (a JSON-RPC error arrives as `{"error": …}`).
    public static func envelope(of result: JSONValue) -> JSONValue {
        if let structured = result["structuredContent"], !structured.isNull { return structured }
        if let text = result["content"]?[0]?["text"]?.stringValue,
            let parsed = try? JSONParser.parse(Data(text.utf8))
        {
            return parsed
        }
        return result
    }

    /// The tool's error as `code: message` when its answer is a failure (an `ok: false` envelope or a JSON-RPC
    /// error), so a failed save shows why the value is missing.
    static func toolError(in envelope: JSONValue) -> String? {
        guard envelope["ok"] != .bool(true), let error = envelope["error"], error.objectValue != nil else {
            return nil
        }
        let code = error["code"].map { $0.stringValue ?? JSONWriter.string($0) } ?? "(no code)"
        let message = error["message"]?.stringValue ?? "(no message)"
        return "\(code): \(message)"
    }

    /// What `expect_state` is matched against: the state with `journal` lines parsed (a line that does not parse
    /// shows as `{"$unparsed": line}`).
    public static func stateView(_ state: JSONValue) -> JSONValue {
        guard case .object(var members) = state, let lines = members["journal"]?.arrayValue else { return state }
        members["journal"] = .array(
            lines.map { line in
                guard let text = line.stringValue else { return line }
                return (try? JSONParser.parse(Data(text.utf8))) ?? .object(["$unparsed": .string(text)])
            })
        return .object(members)
    }
}
