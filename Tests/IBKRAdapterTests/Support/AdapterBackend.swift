import Foundation
import HTTPCore
import IBKRAdapter
import Synchronization
import TradingDomain
import ValetTesting

/// A transport a contract test runs a named scenario against, and that can say what it expected but never got.
protocol ScenarioTransport: HTTPTransport {
    /// What the scenario prepared that the adapter never used (empty when it played out exactly).
    func unplayed() -> [String]
    /// The adapter's clock moved (it slept, or the test advanced it): a simulated gateway moves with it.
    func advance(by duration: Duration)
}

extension ScenarioTransport {
    func advance(by duration: Duration) {}
}

/// One backend the adapter's contract suite runs against, in the manner of swift-configuration's
/// `ProviderCompatTest` and hummingbird's in-process / live test clients: the cassettes in recordings/cpapi
/// replayed strictly, and the gateway twin set up for the same scenario names (`TwinScenarios`), in process and
/// over loopback HTTP. A backend that cannot play a scenario from outside evidence lists it with the reason.
struct AdapterBackend: Sendable, CustomStringConvertible {
    let name: String
    /// Scenario keys (a cassette name, or `name:what` for one test's capture-only assertions) this backend does
    /// not play, with the reason.
    let unsupported: [String: String]
    let make: @Sendable (_ scenario: String) throws -> any ScenarioTransport

    var description: String { name }

    static let replay = AdapterBackend(name: "replay", unsupported: [:]) { scenario in
        try CassetteScenario(url: recordingsDirectory.appendingPathComponent(scenario + ".json"))
    }

    /// The twin as the adapter's transport.
    static let twinInProcess = twin(name: "twin in process", loopback: false)
    /// The twin served on 127.0.0.1 by `LoopbackHTTPServer`, reached through a real socket.
    static let twinLoopback = twin(name: "twin over loopback", loopback: true)

    private static func twin(name: String, loopback: Bool) -> AdapterBackend {
        AdapterBackend(name: name, unsupported: TwinScenarios.unsupported) { key in
            let scenario = String(key.prefix { $0 != ":" })
            guard let setUp = TwinScenarios.named(scenario) else {
                throw TwinSetUp.Refused(description: "the twin has no set-up for scenario \(scenario)")
            }
            return try TwinScenarioTransport(setUp, start: TestClock.defaultStart, loopback: loopback)
        }
    }

    static let all: [AdapterBackend] = [.replay, .twinInProcess, .twinLoopback]

    /// The backends that play a scenario key (see `unsupported`).
    static func all(for key: String) -> [AdapterBackend] {
        all.filter { $0.unsupported[key] == nil && $0.unsupported[String(key.prefix { $0 != ":" })] == nil }
    }

    static var recordingsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("recordings/cpapi")
    }
}

/// A cassette replayed strictly by HTTPCore's `ReplayTransport`.
final class CassetteScenario: ScenarioTransport {
    private let replay: ReplayTransport

    init(url: URL) throws {
        replay = try ReplayTransport(contentsOf: url)
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await replay.send(request)
    }

    func unplayed() -> [String] {
        // `finish()` is HTTPCore's strict check; its message lists what was left over.
        do {
            try replay.finish()
            return []
        } catch {
            return replay.leftovers().map(\.summary) + ["\(error)"]
        }
    }
}

/// Records every request the adapter sends (`METHOD /path`), and fails chosen ones without an answer
/// (a timeout, a refused connection) before they reach the scenario.
final class LoggingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let state: Mutex<(log: [String], faults: [String: TransportError])>

    init(base: any HTTPTransport, faults: [String: TransportError] = [:]) {
        self.base = base
        state = Mutex(([], faults))
    }

    var log: [String] { state.withLock { $0.log } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let key = "\(request.method) \(request.path)"
        let fault = state.withLock { state -> TransportError? in
            state.log.append(key)
            return state.faults.removeValue(forKey: key)
        }
        if let fault { throw fault }
        return try await base.send(request)
    }
}

/// An adapter wired to one scenario of one backend, on a virtual clock.
struct Harness {
    static let account = "DU9085813"

    let broker: IBKRBroker
    let scenario: any ScenarioTransport
    let logging: LoggingTransport
    let clock: TestClock

    init(
        _ backend: AdapterBackend, _ name: String, settings: IBKRSettings = IBKRSettings(snapshotAttempts: 3),
        allowList: Set<String> = WarningAllowList.standard.messageIDs, faults: [String: TransportError] = [:]
    ) throws {
        let scenario = try backend.make(name)
        self.scenario = scenario
        logging = LoggingTransport(base: scenario, faults: faults)
        clock = TestClock(onAdvance: { scenario.advance(by: $0) })
        broker = IBKRBroker(
            transport: logging, accountID: try AccountID(Self.account), allowedQuestionIDs: allowList,
            clock: clock.adapterClock, settings: settings)
    }

    /// Requests sent to a path, in order.
    func sent(_ method: String, _ path: String) -> Int {
        logging.log.filter { $0 == "\(method) \(path)" }.count
    }
}

/// Runs `body` and returns the `TradingError` it threw, or nil.
func tradingError(_ body: () async throws -> Void) async -> TradingError? {
    do {
        try await body()
        return nil
    } catch let error as TradingError {
        return error
    } catch {
        return TradingError(.internalFailure, "not a TradingError: \(error)")
    }
}

func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan }
