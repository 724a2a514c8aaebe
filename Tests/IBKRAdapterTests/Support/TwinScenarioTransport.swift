import Foundation
import GatewayTwin
import HTTPCore
import Synchronization
import ValetTesting

/// The gateway twin playing one `TwinScenario`, reached in process (the twin is the transport) or over loopback
/// HTTP (the twin served by HTTPCore's `LoopbackHTTPServer` on 127.0.0.1, reached through `URLSessionTransport`).
final class TwinScenarioTransport: ScenarioTransport {
    let twin: GatewayTwin
    private let script: TwinScript
    private let server: LoopbackHTTPServer?
    private let client: (any HTTPTransport)?

    init(_ scenario: TwinScenario, start: Date, loopback: Bool) throws {
        let twin = GatewayTwin(configuration: scenario.configuration, start: start)
        try scenario.prepare(twin)
        let script = TwinScript(twin: twin, scenario: scenario)
        self.twin = twin
        self.script = script
        guard loopback else {
            server = nil
            client = nil
            return
        }
        // The twin's synchronous entry runs on the server's own connection threads, and URLSession's async API
        // waits without holding a cooperative-pool thread: nothing blocks the pool on a socket read.
        let server = try LoopbackHTTPServer(configuration: .init(port: 0)) { script.handle($0) }
        guard let base = URL(string: "http://127.0.0.1:\(server.port)/v1/api") else {
            server.stop()
            throw TransportError(code: .invalidRequest, message: "no loopback URL for port \(server.port).", hint: "")
        }
        self.server = server
        // Generous: on a loaded CI machine the first request can wait for a thread (not a timed assertion).
        client = URLSessionTransport(configuration: .init(baseURL: base, timeoutSeconds: 30))
    }

    deinit {
        server?.stop()
    }

    /// Stops the loopback server now (it also stops when the transport goes away).
    func close() {
        server?.stop()
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let client { return try await client.send(request) }
        return try await script.send(request)
    }

    func advance(by duration: Duration) {
        twin.advance(by: duration)
    }

    /// Fault rules that never fired, cues never reached and exercised requests never sent.
    func unplayed() -> [String] {
        script.unplayed()
    }
}

/// Counts the requests the twin answered and runs the scenario's cues after them; shared by both routes.
final class TwinScript: Sendable {
    let twin: GatewayTwin
    private let scenario: TwinScenario
    private let seen = Mutex<[String: Int]>([:])

    init(twin: GatewayTwin, scenario: TwinScenario) {
        self.twin = twin
        self.scenario = scenario
    }

    /// The loopback server's entry (synchronous, on the server's thread).
    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let response = twin.handle(request)
        answered(request)
        return response
    }

    /// The in-process entry: a timeout fault throws like a real transport.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        defer { answered(request) }
        return try await twin.send(request)
    }

    private func answered(_ request: HTTPRequest) {
        let key = Self.key(request)
        let count = seen.withLock { seen -> Int in
            seen[key, default: 0] += 1
            return seen[key, default: 0]
        }
        for cue in scenario.cues where cue.request == key && cue.occurrence == count { cue.action(twin) }
    }

    /// `METHOD /path` below `/v1/api`, without the query, as `LoggingTransport` writes it.
    static func key(_ request: HTTPRequest) -> String {
        var path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        if path.hasPrefix("/v1/api/") { path = String(path.dropFirst("/v1/api".count)) }
        return "\(request.method) \(path)"
    }

    func unplayed() -> [String] {
        let seen = seen.withLock { $0 }
        let rules = scenario.configuration.faults.rules
        let faults = twin.faultRulesNeverFired.map { index in
            guard rules.indices.contains(index) else { return "fault rule \(index) (armed later) never fired" }
            return
                "fault \(rules[index].fault) on \(rules[index].method ?? "any") \(rules[index].pathPrefix) never fired"
        }
        let cues = scenario.cues.filter { (seen[$0.request] ?? 0) < $0.occurrence }.map {
            "cue \"\($0.what)\" after \($0.request) #\($0.occurrence) never ran"
        }
        let requests = scenario.exercises.filter { seen[$0] == nil }.map { "\($0) was never sent" }
        return faults + cues + requests
    }
}
