import FoundationEssentials
import GatewayTwin
import HTTPCore
import IBKRAdapter
import MCPKit
import SimulationKit
import Synchronization
import TradingDomain
import TradingSafety
import ValetTools

/// The real Valet stack on the in-process twin, as a scenario sees it: JSON-RPC lines into the real MCP server,
/// the real tools, guards, journal and IBKR adapter, and the twin as the gateway, all on the twin's virtual clock.
/// Nothing runs in the background, so a run is a pure function of the scenario and its seed.
///
/// The same target can record the gateway traffic to a cassette, or run on such a cassette instead of the twin:
/// the proof that the stack behaves identically on recorded traffic. On a replay, price moves, session events and
/// twin faults are already in the recorded answers, so those steps only move time; state shows the journal alone.
public actor TwinScenarioTarget: ScenarioTarget {
    let gateway: ScenarioGateway
    let tap: GatewayTap
    let log = TranscriptLog()
    /// Each intent the journal synced, numbered on the twin's event sequence (the sequence its receipts use).
    let durableIntents = DurableIntentLog()
    let weakening: SafetyWeakening
    /// Valet's journal on a disk the scenario can fill (`journal_write_failure`).
    let journalFault: JournalWriteFault
    let policy: SafetyPolicy
    let accountID: AccountID
    let journalURL: URL
    let prefix: String
    private var stack: TradingStack
    private var session: MCPSession
    private var nextID = 0
    private var generation = 0
    /// Tickles every `keeperInterval` of virtual time while the scenario advances (nil: no keeper).
    private var keeper: IBKRSessionKeeper?
    private let keeperInterval: TimeInterval?
    private var nextTickle: Date

    /// Builds the stack for a scenario on the twin; the journal lives in `directory` (created if missing). With
    /// `recordingTo`, every gateway exchange is also written to that cassette.
    /// `weakening` leaves guards out on purpose, for mutation tests only.
    public init(
        scenario: Scenario, directory: URL, recordingTo cassette: URL? = nil, weakening: SafetyWeakening = .none
    ) async throws {
        try await self.init(
            scenario: scenario, directory: directory, replaying: nil, recordingTo: cassette, weakening: weakening)
    }

    /// Builds the stack for a scenario on a recorded cassette instead of the twin.
    public init(scenario: Scenario, directory: URL, replaying cassette: Cassette) async throws {
        try await self.init(
            scenario: scenario, directory: directory, replaying: cassette, recordingTo: nil, weakening: .none)
    }

    private init(
        scenario: Scenario, directory: URL, replaying: Cassette?, recordingTo: URL?, weakening: SafetyWeakening
    ) async throws {
        self.weakening = weakening
        self.journalFault = JournalWriteFault(seed: scenario.seed)
        var environment = scenario.settings
        let journalURL = directory.appendingPathComponent("trades.jsonl")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        environment["TRADE_JOURNAL_PATH"] = journalURL.path
        if (environment["IBKR_ACCOUNT_ID"] ?? "").isEmpty {
            environment["IBKR_ACCOUNT_ID"] = TwinConfiguration().accountID
        }
        // A recorded cassette carries its account redacted (consistently), so the replayed run uses that id.
        if let recorded = replaying?.recordedAccountID { environment["IBKR_ACCOUNT_ID"] = recorded }
        let loaded: LoadedConfiguration
        do {
            loaded = try ValetConfiguration.load(environment: environment, dotEnv: nil, workingDirectory: "/")
        } catch {
            throw ScenarioTargetError("settings: \(error.problems.map(\.message).joined(separator: "; "))")
        }
        let twin = try ScenarioOpening.twin(for: scenario, accountID: environment["IBKR_ACCOUNT_ID"])
        if let replaying {
            let gateway = ScenarioGateway.replay(
                ReplayTransport(cassette: replaying), clock: VirtualClock(origin: scenario.start))
            self.gateway = gateway
        } else {
            let recorder = recordingTo.map {
                RecordingTransport(
                    wrapping: twin, fileURL: $0, note: "scenario \(scenario.name), seed \(scenario.seed)")
            }
            self.gateway = .twin(twin, recorder: recorder)
        }
        let gateway = self.gateway
        self.tap = GatewayTap(inner: gateway.transport, now: { gateway.now }, log: log)
        self.journalURL = journalURL
        self.prefix = "s\(scenario.seed)"
        do {
            self.policy = try SafetyPolicy(settings: loaded.settings)
            self.accountID = try AccountID(environment["IBKR_ACCOUNT_ID"] ?? twin.configuration.accountID)
        } catch {
            throw ScenarioTargetError("settings: \(error.message)")
        }
        (stack, session) = try await Self.build(
            gateway: gateway, tap: tap, policy: policy, accountID: accountID, journalURL: journalURL,
            prefix: "\(prefix)g0", log: log, firstID: 0, durableIntents: durableIntents, weakening: weakening,
            journalFault: journalFault
        )
        nextID = 1
        keeperInterval = scenario.keeper ? loaded.settings.tickleIntervalSeconds : nil
        nextTickle = scenario.start.addingTimeInterval(keeperInterval ?? 0)
        keeper = makeKeeper()
    }

    /// Valet's session keeper over the current adapter, reporting to the transcript instead of stderr.
    private func makeKeeper() -> IBKRSessionKeeper? {
        guard let keeperInterval else { return nil }
        let gateway = gateway
        let log = log
        let clock = AdapterClock(now: { gateway.now }, sleep: { duration in gateway.advance(by: duration) })
        return IBKRSessionKeeper(
            session: stack.adapter, clock: clock, interval: .milliseconds(Int64(keeperInterval * 1000)),
            alerter: ReauthAlerter(writeLine: { line in
                log.append(TranscriptEntry(at: gateway.now, kind: "keeper", data: ["alert": .string(line)]))
            }),
            onStateChange: { state in
                let text: String
                switch state {
                case .up: text = "up"
                case .down(let reason): text = "down: \(reason)"
                case .unreachable(let reason): text = "unreachable: \(reason)"
                }
                log.append(TranscriptEntry(at: gateway.now, kind: "keeper", data: ["state": .string(text)]))
            }
        )
    }

    /// The adapter, guards, journal, tools and MCP server over the tap, and the `initialize` handshake.
    private static func build(
        gateway: ScenarioGateway, tap: GatewayTap, policy: SafetyPolicy, accountID: AccountID, journalURL: URL,
        prefix: String, log: TranscriptLog, firstID: Int, durableIntents: DurableIntentLog,
        weakening: SafetyWeakening, journalFault: JournalWriteFault
    ) async throws -> (TradingStack, MCPSession) {
        let clock = AdapterClock(now: { gateway.now }, sleep: { duration in gateway.advance(by: duration) })
        let events = gateway.twin?.configuration.events
        let stack: TradingStack
        do {
            stack = try TradingStack.make(
                transport: tap, accountID: accountID, policy: policy, journalURL: journalURL, clock: clock,
                clientOrderIDPrefix: prefix,
                onDurableIntent: { record in
                    guard let events else { return }
                    durableIntents.append(sequence: events.next(), clientOrderID: record.clientOrderID.value)
                },
                weakening: weakening, journalFault: journalFault
            )
        } catch {
            throw ScenarioTargetError("could not assemble the stack: \(error.message)")
        }
        let tokens = TokenCounter()
        let environment = ToolEnvironment(
            broker: stack.guarded, name: .twin, now: { gateway.now },
            sleep: { duration in gateway.advance(by: duration) },
            // As valet serve: pending approvals beside the journal, so a live-account rehearsal waits for a person.
            approvals: ApprovalStore(url: ApprovalStore.url(besideJournal: journalURL)),
            approvalReferences: { tokens.next() }
        )
        let server = ValetToolbox.server(
            environment, info: ServerInfo(name: "valet", version: "scenario"), stderr: { _ in }
        )
        let session = MCPSession(server: server)
        let params: JSONValue = [
            "protocolVersion": "2025-11-25", "capabilities": [:], "clientInfo": ["name": "scenario", "version": "1"],
        ]
        let (request, lines) = await session.request(id: firstID, method: "initialize", params: params)
        log.append(TranscriptEntry(at: gateway.now, kind: TranscriptEntry.mcpRequest, data: request))
        for line in lines {
            log.append(TranscriptEntry(at: gateway.now, kind: TranscriptEntry.mcpResponse, data: line))
        }
        session.notify(method: "notifications/initialized")
        return (stack, session)
    }

    // MARK: - ScenarioTarget

    public func now() async -> Date { gateway.now }

    public func callTool(name: String, arguments: JSONValue) async -> JSONValue {
        let id = nextID
        nextID += 1
        log.append(
            TranscriptEntry(
                at: gateway.now, kind: TranscriptEntry.mcpRequest,
                data: [
                    "jsonrpc": "2.0", "id": .int(id), "method": "tools/call",
                    "params": ["name": .string(name), "arguments": arguments],
                ]
            )
        )
        let (_, answered) = await session.request(
            id: id, method: "tools/call", params: ["name": .string(name), "arguments": arguments]
        )
        // The journal's folder is fresh per run: a message naming it would make the transcript differ every time.
        let folder = journalURL.deletingLastPathComponent().path
        let lines = answered.map { Self.replacing(folder, with: "$JOURNAL_FOLDER", in: $0) }
        for line in lines {
            log.append(TranscriptEntry(at: gateway.now, kind: TranscriptEntry.mcpResponse, data: line))
        }
        guard let response = lines.last else { return ["error": ["message": "no response"]] }
        if let error = response["error"] { return ["error": error] }
        return response["result"] ?? .null
    }

    public func setPrice(symbol: String, last: Decimal, bid: Decimal?, ask: Decimal?) async throws {
        guard let twin = gateway.twin else { return }
        guard let conid = twin.configuration.instruments.first(where: { $0.symbol == symbol.uppercased() })?.conid,
            twin.setPrice(conid: conid, last: last, bid: bid, ask: ask)
        else { throw ScenarioTargetError("price: the twin does not list \(symbol)") }
    }

    public func advance(to instant: Date) async {
        if let keeper, let keeperInterval {
            while nextTickle <= instant {
                gateway.advance(to: nextTickle)
                await keeper.runCycle()
                nextTickle = max(nextTickle, gateway.now).addingTimeInterval(keeperInterval)
            }
        }
        gateway.advance(to: instant)
    }

    public func session(_ event: SessionEvent) async throws {
        guard let twin = gateway.twin else { return }
        switch event {
        case .expire: twin.dropBrokerageSession()
        case .competing: twin.simulateCompetingLogin()
        case .nightlyReset: twin.performNightlyReset()
        case .logout: twin.logOut()
        case .login: twin.login()
        }
    }

    public func inject(_ fault: FaultSpec) async throws {
        if fault.kind == .journalWriteFailure {
            journalFault.arm(skip: fault.skip, count: fault.count, probability: fault.probability)
            return
        }
        guard let rule = fault.twinRule else {
            tap.addDrop(
                .init(method: fault.method, pathPrefix: fault.pathPrefix, skip: fault.skip, remaining: fault.count))
            return
        }
        gateway.twin?.addFault(rule)
    }

    public func restartServer() async throws {
        await session.close()
        stack.journal.close()
        generation += 1
        (stack, session) = try await Self.build(
            gateway: gateway, tap: tap, policy: policy, accountID: accountID, journalURL: journalURL,
            prefix: "\(prefix)g\(generation)", log: log, firstID: nextID, durableIntents: durableIntents,
            weakening: weakening, journalFault: journalFault
        )
        nextID += 1
        keeper = makeKeeper()
    }

    public func state() async -> JSONValue {
        guard let twin = gateway.twin else { return ["journal": .array(journalLines().map(JSONValue.string))] }
        return TwinStateView(
            twin: twin, journalLines: journalLines(), accountID: accountID.value, durableIntents: durableIntents.all
        ).json
    }

    /// On a replay, the recorded exchanges never asked for (empty on the twin).
    public func replayLeftovers() -> [Cassette.Exchange] {
        if case .replay(let replay, _) = gateway { return replay.leftovers() }
        return []
    }

    public func drainTranscript() async -> [TranscriptEntry] {
        log.drain()
    }

    /// Ends the server and releases the journal.
    public func close() async {
        await session.close()
        stack.journal.close()
    }

    private func journalLines() -> [String] {
        guard let data = FileManager.default.contents(atPath: journalURL.path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// `value` with every occurrence of `text` inside its strings replaced.
    static func replacing(_ text: String, with replacement: String, in value: JSONValue) -> JSONValue {
        switch value {
        case .string(let string) where string.contains(text):
            return .string(string.replacing(text, with: replacement))
        case .array(let elements): return .array(elements.map { replacing(text, with: replacement, in: $0) })
        case .object(let members): return .object(members.mapValues { replacing(text, with: replacement, in: $0) })
        default: return value
        }
    }
}

/// Approval references that are the same in every run (live runs use random ones).
private final class TokenCounter: Sendable {
    private let counter = Mutex(SequentialIDGenerator(start: 1))

    func next() -> String {
        "token-\(counter.withLock { $0.next() })"
    }

}
