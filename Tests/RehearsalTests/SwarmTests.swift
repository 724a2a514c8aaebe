import Foundation
import MCPKit
import Testing

@testable import Rehearsal

@Suite("Swarm")
struct SwarmTests {
    static let workload = scenarioText(
        steps: #"{"call": "buy", "arguments": {"symbol": "AAPL", "cash_amount": 50}}, {"advance": "1m"}"#,
        extra: #""settings": {"TRADING_DRY_RUN": "false"},"#)

    @Test("SIM_SEED picks exactly one seed; otherwise count seeds from first; a bad SIM_SEED is an error")
    func seeds() throws {
        #expect(try Swarm.seeds(count: 3, first: 10, environment: [:]) == [10, 11, 12])
        #expect(try Swarm.seeds(count: 3, environment: ["SIM_SEED": "42"]) == [42])
        #expect(throws: SwarmError("SIM_SEED must be a whole number 0 or above, got \"x\"")) {
            try Swarm.seeds(count: 3, environment: ["SIM_SEED": "x"])
        }
        let swarm = Swarm(factory: ScriptedFactory())
        #expect(
            try swarm.selectedProfiles(environment: ["SIM_PROFILE": "rate-limited"]).map(\.name) == ["rate-limited"])
        #expect(try swarm.selectedProfiles(environment: [:]).count == FaultProfile.standard.count)
        #expect(throws: SwarmError.self) { try swarm.selectedProfiles(environment: ["SIM_PROFILE": "nope"]) }
    }

    @Test("each run gets its seed and the profile's faults before step 1")
    func variant() throws {
        let base = try scenario(Self.workload)
        let profile = FaultProfile.standard[1]
        let variant = Swarm.variant(of: base, seed: 5, profile: profile)
        #expect(variant.seed == 5)
        #expect(variant.steps.count == base.steps.count + profile.faults.count)
        #expect(variant.steps.first == .fault(profile.faults[0]))
        let source = try #require(variant.stepSources.first)
        let reparsed = try scenario(scenarioText(steps: JSONWriter.string(source)))
        #expect(reparsed.steps == [.fault(profile.faults[0])], "the fault's JSON decodes back to the same fault")
    }

    @Test("a failing run reports its seed and profile and how to rerun it")
    func reportsSeed() async throws {
        // Seed 3 makes the target send orders without intents: only that run breaks an invariant.
        let factory = ClosureTargetFactory { scenario in
            let target = ScriptedTarget(scenario: scenario)
            if scenario.seed == 3 { await target.sendWithoutIntents() }
            return target
        }
        let swarm = Swarm(factory: factory, profiles: [FaultProfile(name: "calm", faults: [])])
        let report = await swarm.run(try scenario(Self.workload), seeds: try Swarm.seeds(count: 4, environment: [:]))
        #expect(report.runs.map(\.seed) == [1, 2, 3, 4])
        #expect(report.failures.map(\.seed) == [3])
        #expect(report.failures.first?.reproduction == "SIM_SEED=3 SIM_PROFILE=calm")
        #expect(report.summary.hasPrefix("FAIL t seed 3 profile calm — rerun with SIM_SEED=3 SIM_PROFILE=calm\n"))
        #expect(report.summary.contains("order 1000 (client order id c1) has no intent in the journal"))
        #expect(report.summary.hasSuffix("4 run(s) of t, 1 broke an invariant"))

        let rerun = await swarm.run(
            try scenario(Self.workload), seeds: try Swarm.seeds(count: 4, environment: ["SIM_SEED": "3"]))
        #expect(rerun.runs.count == 1)
        #expect(rerun.runs[0].transcript == report.failures[0].transcript, "SIM_SEED reruns exactly that run")
    }

    @Test("a target that cannot be built fails the run")
    func unbuildable() async throws {
        let swarm = Swarm(factory: UnpluggedTargetFactory(), profiles: [FaultProfile(name: "calm", faults: [])])
        let report = await swarm.run(try scenario(Self.workload), seeds: [1])
        #expect(!report.passed)
        #expect(report.summary.contains("stopped at cannot build the scenario target"))
    }
}

@Suite("Standard invariants")
struct InvariantTests {
    static func observe(
        orders: [JSONValue] = [], journal: [String] = [], received: [JSONValue] = [],
        settings: [String: String] = ["TRADING_DRY_RUN": "false"], entries: [TranscriptEntry] = [],
        account: JSONValue = ["is_paper": true], lowest: [String: String] = [:], durable: [String: Int]? = nil
    ) -> Observation {
        var state: [String: JSONValue] = [
            "orders": .array(orders), "journal": .array(journal.map(JSONValue.string)), "account": account,
            "received": .array(received), "lowest_positions": .object(lowest.mapValues(JSONValue.string)),
        ]
        if let durable {
            state["durable_intents"] = .array(
                durable.keys.sorted().map { ["client_order_id": .string($0), "sequence": .int(durable[$0] ?? 0)] })
        }
        return Observation(step: 1, settings: settings, state: .object(state), entries: entries)
    }

    /// One receipt as `TwinStateView` reports it.
    static func receipt(
        _ id: String, cOID: String? = nil, side: String = "BUY", type: String = "MKT", quantity: String = "1",
        ask: String = "10", limit: String? = nil, stop: String? = nil, trail: String? = nil, parent: String? = nil,
        kind: String = "placement", sequence: Int = 0
    ) -> JSONValue {
        [
            "sequence": .int(sequence),
            "order_id": .string(id), "client_order_id": cOID.map(JSONValue.string) ?? .null, "side": .string(side),
            "type": .string(type), "quantity": .string(quantity), "ask": .string(ask), "last": .string(ask),
            "limit_price": limit.map(JSONValue.string) ?? .null, "stop_price": stop.map(JSONValue.string) ?? .null,
            "trailing_amount": trail.map(JSONValue.string) ?? .null, "trailing_percent": false,
            "parent_client_order_id": parent.map(JSONValue.string) ?? .null, "kind": .string(kind),
            "received_at": "1970-01-01T15:00:00.000Z",
        ]
    }

    static func order(_ id: String, cOID: String, side: String = "BUY", cash: String? = nil, parent: String? = nil)
        -> JSONValue
    {
        [
            "order_id": .string(id), "client_order_id": .string(cOID), "side": .string(side), "status": "filled",
            "cash_amount": cash.map(JSONValue.string) ?? .null, "parent_id": parent.map(JSONValue.string) ?? .null,
        ]
    }

    static let at = Date(timeIntervalSince1970: 0)

    static func gateway(_ method: String, _ path: String, request: JSONValue = nil, response: JSONValue = nil)
        -> TranscriptEntry
    {
        TranscriptEntry(
            at: at, kind: TranscriptEntry.gateway,
            data: ["method": .string(method), "path": .string(path), "request": request, "response": response])
    }

    static let intent = #"{"client_order_id":"a","kind":"intent"}"#

    static let cases: [(String, any Invariant, Observation, [String])] = [
        ("intent ok", IntentBeforeSend(), observe(orders: [order("1", cOID: "a")], journal: [intent]), []),
        (
            "child orders share the entry's intent", IntentBeforeSend(),
            observe(orders: [order("1", cOID: "a"), order("2", cOID: "a-tp", parent: "1")], journal: [intent]), []
        ),
        (
            "no intent", IntentBeforeSend(), observe(orders: [order("1", cOID: "a")]),
            ["order 1 (client order id a) has no intent in the journal"]
        ),
        (
            "intent synced before the order arrived", IntentBeforeSend(),
            observe(
                orders: [order("1", cOID: "a")], journal: [intent],
                received: [receipt("1", cOID: "a", sequence: 2), receipt("2", cOID: "a-tp", parent: "a", sequence: 3)],
                durable: ["a": 1]), []
        ),
        (
            "order arrived before its intent was synced", IntentBeforeSend(),
            observe(
                orders: [order("1", cOID: "a")], journal: [intent], received: [receipt("1", cOID: "a", sequence: 1)],
                durable: ["a": 2]),
            ["order 1 (cOID a) reached the twin (event 1) before its intent was synced (event 2)"]
        ),
        (
            "order arrived with no intent synced", IntentBeforeSend(),
            observe(
                orders: [order("1", cOID: "a")], journal: [intent], received: [receipt("1", cOID: "a", sequence: 1)],
                durable: [:]),
            ["order 1 (cOID a) reached the twin with no intent synced to the journal"]
        ),
        (
            "per-order cap at the broker", CapsAtTheBroker(),
            observe(received: [receipt("1", type: "MKT", quantity: "1", ask: "150")], settings: [:]),
            ["the twin received BUY order 1 (MKT) worth up to 150, above MAX_ORDER_VALUE 100"]
        ),
        (
            "a buy stop is worth its stop when the market is below it", CapsAtTheBroker(),
            observe(received: [receipt("1", type: "STP", quantity: "2", ask: "40", stop: "60")], settings: [:]),
            ["the twin received BUY order 1 (STP) worth up to 120, above MAX_ORDER_VALUE 100"]
        ),
        (
            "a trailing buy is worth the market plus its trail", CapsAtTheBroker(),
            observe(received: [receipt("1", type: "TRAIL", quantity: "2", ask: "45", trail: "6")], settings: [:]),
            ["the twin received BUY order 1 (TRAIL) worth up to 102, above MAX_ORDER_VALUE 100"]
        ),
        (
            "a limit buy is worth its limit", CapsAtTheBroker(),
            observe(received: [receipt("1", type: "LMT", quantity: "2", ask: "80", limit: "49")], settings: [:]), []
        ),
        (
            "daily cap at the broker: each order once at its largest, a bracket's exits once", CapsAtTheBroker(),
            observe(
                received: [
                    receipt("1", type: "LMT", quantity: "1", ask: "80", limit: "60"),
                    receipt("1", type: "LMT", quantity: "1", ask: "80", limit: "70", kind: "modification"),
                    receipt("2", type: "LMT", quantity: "1", ask: "80", limit: "50", parent: "p"),
                    receipt("3", type: "STP", quantity: "1", ask: "80", stop: "90", parent: "p"),
                ], settings: ["MAX_DAILY_VALUE": "150"]),
            ["the twin received BUYs worth 160 on 1970-01-01, above MAX_DAILY_VALUE 150"]
        ),
        (
            "an order cancelled before any fill spent nothing toward the daily cap", CapsAtTheBroker(),
            observe(
                orders: [
                    ["order_id": "1", "status": "cancelled", "filled_quantity": "0"],
                    ["order_id": "2", "status": "cancelled", "filled_quantity": "1"],
                ],
                received: [
                    receipt("1", type: "LMT", quantity: "1", ask: "80", limit: "90"),
                    receipt("2", type: "LMT", quantity: "1", ask: "80", limit: "70"),
                ], settings: ["MAX_DAILY_VALUE": "100"]), []
        ),
        (
            "sells do not count against caps", CapsAtTheBroker(),
            observe(received: [receipt("1", side: "SELL", type: "MKT", quantity: "9", ask: "150")], settings: [:]), []
        ),
        (
            "a live order a person approved", NoUnapprovedLiveOrder(),
            observe(
                journal: [
                    #"{"client_order_id":"approval-1","kind":"approval","order":{"symbol":"KO"}}"#,
                    #"{"client_order_id":"a","kind":"intent","order":{"symbol":"KO"}}"#,
                ],
                received: [receipt("1", cOID: "a"), receipt("2", cOID: "a-sl", parent: "a")],
                account: ["is_paper": false]), []
        ),
        (
            "a live order nobody approved", NoUnapprovedLiveOrder(),
            observe(
                journal: [
                    #"{"client_order_id":"approval-1","kind":"approval","order":{"symbol":"KO"}}"#,
                    #"{"client_order_id":"a","kind":"intent","order":{"symbol":"KO"}}"#,
                    #"{"client_order_id":"b","kind":"intent","order":{"symbol":"KO"}}"#,
                ],
                received: [receipt("1", cOID: "a"), receipt("2", cOID: "b")], account: ["is_paper": false]),
            ["order 2 (cOID b) reached a LIVE account with no person's approval before its intent"]
        ),
        (
            "approvals are not needed on paper", NoUnapprovedLiveOrder(),
            observe(journal: [#"{"client_order_id":"b","kind":"intent"}"#], received: [receipt("2", cOID: "b")]), []
        ),
        (
            "short at the broker", NoShortPosition(), observe(lowest: ["AAPL": "-2", "KO": "0"]),
            ["the twin's AAPL position went to -2 although TRADING_ALLOW_SHORT is off"]
        ),
        (
            "shorts allowed", NoShortPosition(),
            observe(settings: ["TRADING_ALLOW_SHORT": "true"], lowest: ["AAPL": "-2"]), []
        ),
        (
            "a resend of an order that landed", NoResendOfALandedOrder(),
            observe(
                journal: [
                    #"{"client_order_id":"a","kind":"intent","order":{"symbol":"KO"}}"#,
                    #"{"client_order_id":"a","kind":"resolution","status":"unknown"}"#,
                    #"{"client_order_id":"b","kind":"intent","order":{"symbol":"KO"}}"#,
                ],
                received: [receipt("1", cOID: "a"), receipt("2", cOID: "b")]),
            [
                "intent a was accepted as missing, yet the twin holds it, and the identical order b was sent again: one "
                    + "intent, two orders"
            ]
        ),
        (
            "a resend of an order that really was missing", NoResendOfALandedOrder(),
            observe(
                journal: [
                    #"{"client_order_id":"a","kind":"intent","order":{"symbol":"KO"}}"#,
                    #"{"client_order_id":"a","kind":"resolution","status":"unknown"}"#,
                    #"{"client_order_id":"b","kind":"intent","order":{"symbol":"KO"}}"#,
                ],
                received: [receipt("2", cOID: "b")]), []
        ),
        (
            "approved warning confirmed", NoUnapprovedWarningConfirmed(),
            observe(entries: [
                gateway("POST", "/iserver/account/DU1/orders", response: [["id": "r1", "messageIds": ["o163"]]]),
                gateway("POST", "/iserver/reply/r1", request: ["confirmed": true]),
            ]), []
        ),
        (
            "unapproved warning confirmed", NoUnapprovedWarningConfirmed(),
            observe(entries: [
                gateway("POST", "/iserver/account/DU1/orders", response: [["id": "r1", "messageIds": ["o2137"]]]),
                gateway("POST", "/iserver/reply/r1", request: ["confirmed": true]),
            ]),
            ["reply r1 confirmed a question with unapproved message id(s) o2137"]
        ),
        (
            "unapproved warning suppressed", NoUnapprovedWarningConfirmed(),
            observe(entries: [
                gateway("POST", "/iserver/questions/suppress", request: ["messageIds": ["o163", "o2137"]])
            ]),
            ["suppressed unapproved message id(s) o2137"]
        ),
        (
            "unapproved warning declined", NoUnapprovedWarningConfirmed(),
            observe(entries: [
                gateway("POST", "/iserver/account/DU1/orders", response: [["id": "r1", "messageIds": ["o2137"]]]),
                gateway("POST", "/iserver/reply/r1", request: ["confirmed": false]),
            ]), []
        ),
        (
            "dry-run by default", NoOrderWhileLocked(), observe(orders: [order("1", cOID: "a")], settings: [:]),
            ["1 order(s) at the gateway although TRADING_DRY_RUN is on"]
        ),
        (
            "live account locked", NoOrderWhileLocked(),
            observe(orders: [order("1", cOID: "a")], account: ["is_paper": false]),
            ["1 order(s) on a LIVE account although TRADING_ALLOW_LIVE is off"]
        ),
        (
            "live account unlocked", NoOrderWhileLocked(),
            observe(
                orders: [order("1", cOID: "a")],
                settings: ["TRADING_DRY_RUN": "false", "TRADING_ALLOW_LIVE": "true"], account: ["is_paper": false]),
            []
        ),
        (
            "journal parses", JournalParses(), observe(journal: [intent, #"{"kind":"outc"#]),
            ["journal line 2 is not a JSON object"]
        ),
    ]

    @Test("each invariant holds or reports what broke", arguments: cases)
    func invariant(label: String, invariant: any Invariant, observation: Observation, expected: [String]) {
        #expect(invariant.violations(in: observation) == expected, "\(label)")
    }
}

@Suite("Swarm workload")
struct SwarmWorkloadTests {
    static let template = scenarioText(steps: "", extra: #""settings": {"MAX_ORDER_VALUE": "300"},"#)

    @Test("the same seed draws the same timeline; another seed draws another")
    func seeded() throws {
        let base = try scenario(Self.template)
        let first = SwarmWorkload.generate(from: base, seed: 11, steps: 40)
        let again = SwarmWorkload.generate(from: base, seed: 11, steps: 40)
        let other = SwarmWorkload.generate(from: base, seed: 12, steps: 40)
        #expect(first.steps.count >= 40, "every draw gives at least one well-formed step")
        #expect(first.stepSources == again.stepSources)
        #expect(first.stepSources != other.stepSources)
        #expect(first.seed == 11)
        #expect(Set(first.steps.map(\.keyword)).isSuperset(of: ["call", "price", "advance"]))
    }

    @Test("over a few seeds the agent uses every order tool and the adversarial stop-then-sell sequence")
    func everyTool() throws {
        let base = try scenario(Self.template)
        var tools: Set<String> = []
        var stopThenSell = false
        for seed in UInt64(1)...20 {
            let sources = SwarmWorkload.generate(from: base, seed: seed, steps: 60).stepSources
            let calls = sources.compactMap { $0["call"]?.stringValue }
            tools.formUnion(calls)
            stopThenSell = stopThenSell || zip(calls, calls.dropFirst()).contains { $0 == ("stop_order", "sell") }
            for source in sources where source["call"] == "reconcile_pending" {
                tools.insert("reconcile_pending resolve_missing=\(source["arguments"]?["resolve_missing"] == true)")
            }
            for source in sources where source["call"] == "bracket_order" {
                tools.insert("bracket_order \(source["arguments"]?["side"]?.stringValue ?? "?")")
            }
        }
        let expected: Set<String> = [
            "buy", "sell", "close_position", "stop_order", "trailing_stop", "bracket_order BUY", "bracket_order SELL",
            "modify_order", "cancel_order", "cancel_all_orders", "reconcile_pending resolve_missing=true",
            "reconcile_pending resolve_missing=false",
        ]
        #expect(expected.subtracting(tools).isEmpty, "never drawn: \(expected.subtracting(tools).sorted())")
        #expect(stopThenSell)
    }

    @Test("a generated workload runs on a target with the invariants checked")
    func runs() async throws {
        let base = try scenario(Self.template)
        let workload = SwarmWorkload.generate(from: base, seed: 5, steps: 30)
        let swarm = Swarm(factory: ScriptedFactory(), profiles: [FaultProfile(name: "calm", faults: [])])
        let report = await swarm.run(workload, seeds: [5])
        #expect(report.runs.count == 1)
        #expect(report.runs[0].failure == nil)
        #expect(report.runs[0].transcript.count > 30)
        let drawn = await swarm.runWorkload(from: base, steps: 30, seeds: [5, 6])
        #expect(drawn.runs.map(\.seed) == [5, 6])
        #expect(drawn.runs[0].transcript == report.runs[0].transcript, "seed 5 draws the same workload")
        #expect(drawn.runs[0].transcript != drawn.runs[1].transcript)
    }
}
