import FoundationEssentials
import GatewayTwin
import HTTPCore
import IBKRAdapter
import Rehearsal
import SimulationKit
import TradingDomain
import TradingSafety
import ValetTools

/// Turns the configuration and the chosen gateway into a running trading stack: the transport, the clock, the
/// account, the journal and the client-order-id prefix. The only place that knows which gateway is in use.
struct ServeSetup {
    var gateway: GatewayChoice
    var seed: UInt64 = 1
    var speed: Double = 1
    var recordURL: URL?
    /// A scenario whose opening state and price path the twin starts from (rehearsal).
    var scenario: Scenario?

    struct Assembled {
        var stack: TradingStack
        var environmentName: EnvironmentName
        var dryRun: Bool
        var journalURL: URL
        var now: @Sendable () -> Date
        var sleep: @Sendable (Duration) async throws -> Void
        var recorder: RecordingTransport?
        var adapterClock: AdapterClock
        var keepAliveInterval: Duration?
        var webhookURL: URL?
        /// The folder of a scratch journal (twin or replay without TRADE_JOURNAL_PATH), removed when serving ends.
        var scratchDirectory: URL? = nil

        /// Removes the scratch journal's folder, if this run has one (callable from a signal handler).
        var removeScratch: @Sendable () -> Void {
            let folder = scratchDirectory
            return { if let folder { try? FileManager.default.removeItem(at: folder) } }
        }
    }

    func assemble(_ loaded: LoadedConfiguration, log: (String) -> Void) async throws -> Assembled {
        var settings = loaded.settings
        let explicit = { (key: SettingKey) in loaded.sources[key].map { $0 != .defaultValue } ?? false }
        var transport: any HTTPTransport
        let clock: AdapterClock
        let prefix: String
        var journalURL = URL(fileURLWithPath: settings.tradeJournalPath)
        var scratchDirectory: URL?
        switch gateway {
        case .twin:
            // The twin cannot move money, so dry-run is off unless asked for, and the twin's paper account is the
            // configured one (or its own). Live trading stays locked: the twin reports a paper account.
            if !explicit(.dryRun) { settings.dryRun = false }
            let twin: GatewayTwin
            var ticks: [TwinPacer.Tick] = []
            if let scenario {
                twin = try ScenarioOpening.twin(for: scenario, accountID: settings.accountID)
                ticks = try ScenarioOpening.ticks(for: scenario, twin: twin)
            } else {
                var configuration = TwinConfiguration(seed: seed)
                // Prices move (a seeded walk every 5 virtual seconds) so an agent rehearsing can watch orders fill.
                configuration.randomWalkInterval = 5
                if !settings.accountID.isEmpty { configuration.accountID = settings.accountID }
                twin = GatewayTwin(configuration: configuration)
            }
            if settings.accountID.isEmpty { settings.accountID = twin.configuration.accountID }
            let pacer = TwinPacer(twin: twin, speed: speed, ticks: ticks, wallNow: { Date() })
            transport = PacedTwinTransport(pacer: pacer)
            let speed = pacer.speed
            clock = AdapterClock(
                now: { pacer.virtualNow },
                sleep: { duration in try await Task.sleep(for: duration / speed) }
            )
            prefix = "twin\(scenario?.seed ?? seed)"
        case .replay(let url):
            // A replay cannot move money either: dry-run is off unless asked for, so recorded orders replay.
            if !explicit(.dryRun) { settings.dryRun = false }
            let cassette = try Cassette.load(from: url)
            transport = ReplayTransport(cassette: cassette)
            let virtual = VirtualClock(origin: TwinConfiguration.defaultStart)
            clock = AdapterClock(now: { virtual.date }, sleep: { duration in virtual.advance(by: duration) })
            prefix = Self.clientOrderPrefix(in: cassette) ?? "replay"
            // The cassette's account is redacted consistently; the replayed requests must use the same id.
            if settings.accountID.isEmpty {
                settings.accountID = cassette.recordedAccountID ?? TwinConfiguration().accountID
            }
        case .live:
            // Stop at start, with the fix, when the URLSession library is missing, not at the first tool call.
            try URLSessionTransport.checkAvailable()
            transport = URLSessionTransport(
                configuration: .init(
                    baseURL: settings.apiBaseURL,
                    timeoutSeconds: max(1, Int(settings.requestTimeoutSeconds.rounded()))
                )
            )
            clock = .system
            prefix = "v" + String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        }
        // The twin and a replay cannot move money: without TRADE_JOURNAL_PATH they journal to a scratch folder of the
        // run's own, removed when it ends.
        if gateway != .live && !explicit(.tradeJournalPath) {
            journalURL = try Self.scratchJournal()
            scratchDirectory = journalURL.deletingLastPathComponent()
        }
        var recorder: RecordingTransport?
        if let recordURL {
            let recording = RecordingTransport(wrapping: transport, fileURL: recordURL, note: "valet serve --record")
            recorder = recording
            transport = recording
        }
        let policy = try SafetyPolicy(settings: settings)
        // With no configured account, reads use the account the gateway has selected; orders stay refused by the
        // account binding until IBKR_ACCOUNT_ID is set.
        var accountText = settings.accountID
        if accountText.isEmpty {
            let probe = IBKRBroker(transport: transport, accountID: try AccountID("UNSET"), clock: clock)
            accountText = (try? await probe.accountIdentity().selectedAccount?.value) ?? "UNSET"
        }
        let account = try AccountID(accountText)
        let stack = try TradingStack.make(
            transport: transport,
            accountID: account,
            policy: policy,
            journalURL: journalURL,
            clock: clock,
            clientOrderIDPrefix: prefix,
            // The keeper logs in at start: opening IBKR's live-orders feed then spares the agent's first
            // open_orders the second call 5 s later, and priming /portfolio then spares its first account read
            // a request. A replay has no keeper, so it never sends those calls.
            // Across a real network, requests are spaced a little wider than IBKR's limits (see Pacer.widened):
            // the adapter's clock is read to the millisecond.
            adapterSettings: IBKRSettings(
                opensLiveOrdersFeedAtLogin: gateway == .live || gateway == .twin,
                primesPortfolioAtLogin: gateway == .live || gateway == .twin,
                pacingMargin: gateway == .live ? .milliseconds(10) : .zero)
        )
        let name = gateway.environmentName(paperMode: settings.tradingMode == .paper)
        log(
            "valet serve: gateway \(name.rawValue), account \(account.value), dry-run \(settings.dryRun), journal \(journalURL.path)"
        )
        return Assembled(
            stack: stack,
            environmentName: name,
            dryRun: settings.dryRun,
            journalURL: journalURL,
            now: clock.now,
            sleep: clock.sleep,
            recorder: recorder,
            adapterClock: clock,
            // A replay has no session to keep: its tickles would have to match the recording's timing.
            keepAliveInterval: gateway == .live || gateway == .twin
                ? .milliseconds(Int64(settings.tickleIntervalSeconds * 1000)) : nil,
            webhookURL: settings.reauthWebhookURL,
            scratchDirectory: scratchDirectory
        )
    }

    /// A fresh journal for a run whose account is not real (twin, replay), so one rehearsal's spend and duplicates
    /// never leak into the next, and the user's real journal is never touched.
    static func scratchJournal() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("valet-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("trades.jsonl")
    }

    /// The client-order-id prefix a cassette was recorded with (`<prefix>-<n>` in its first order), so a replayed
    /// order body matches the recorded one byte for byte.
    static func clientOrderPrefix(in cassette: Cassette) -> String? {
        for exchange in cassette.exchanges {
            guard case .json(let body)? = exchange.requestBody else { continue }
            let text = String(decoding: (try? JSONEncoder().encode(body)) ?? Data(), as: UTF8.self)
            guard let range = text.firstRange(of: #""cOID":""#) else { continue }
            let rest = text[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { continue }
            let id = rest[..<end]
            if let dash = id.lastIndex(of: "-") { return String(id[..<dash]) }
        }
        return nil
    }
}

/// The twin behind its pacer: time catches up with the wall clock before each request.
struct PacedTwinTransport: HTTPTransport {
    let pacer: TwinPacer

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        pacer.catchUp()
        return try await pacer.twin.send(request)
    }
}
