import Foundation
import GatewayTwin
import HTTPCore
import Testing
import ValetTesting

/// The twin backends' scenario catalogue: it covers the cassette folder, and the twin reports what a scenario set
/// up but the adapter never used, as a cassette reports its leftovers.
@Suite("Twin scenario catalogue")
struct TwinScenarioCatalogueTests {
    static let cassettes = CassetteFolderTests.names.map { String($0.dropLast(".json".count)) }

    @Test("every cassette is either set up on the twin or listed as unsupported with a reason, not both")
    func covers() {
        #expect(Self.cassettes.count >= 30)
        for name in Self.cassettes {
            let setUp = TwinScenarios.named(name) != nil
            let listed = TwinScenarios.unsupported[name] != nil
            #expect(setUp != listed, "\(name): set up \(setUp), listed unsupported \(listed)")
        }
        for (key, reason) in TwinScenarios.unsupported {
            #expect(Self.cassettes.contains(String(key.prefix { $0 != ":" })), "\(key) names no cassette")
            #expect(!reason.isEmpty)
        }
    }

    @Test("most of the suite runs on all three backends; an unsupported key keeps only the replay")
    func selection() {
        let played = Self.cassettes.filter { AdapterBackend.all(for: $0).count == 3 }
        #expect(played.count * 3 >= Self.cassettes.count * 2)
        #expect(AdapterBackend.all(for: "quote-warmup").map(\.name) == ["replay"])
        #expect(AdapterBackend.all(for: "no-bridge:REC-A trade values").map(\.name) == ["replay"])
        #expect(AdapterBackend.all(for: "no-bridge").count == 3)
    }

    @Test("unplayed() names an unfired fault, an unreached cue and an unsent request, then nothing once used")
    func unplayed() async throws {
        let scenario = TwinScenario(
            configuration: {
                var configuration = TwinScenario.baseConfiguration()
                configuration.faults.rules = [
                    FaultRule(method: "GET", pathPrefix: "/portfolio/accounts", fault: .internalServerError, limit: 1)
                ]
                return configuration
            }(),
            cues: [.init(request: "POST /tickle", occurrence: 1, what: "a log-out", action: { $0.logOut() })],
            exercises: ["GET /iserver/accounts"], source: "test")
        let transport = try TwinScenarioTransport(scenario, start: TestClock.defaultStart, loopback: false)
        #expect(transport.unplayed().count == 3)
        #expect(try await transport.send(HTTPRequest(method: "GET", path: "/iserver/accounts")).status == 200)
        #expect(try await transport.send(HTTPRequest(method: "GET", path: "/portfolio/accounts")).status == 500)
        #expect(transport.unplayed() == [#"cue "a log-out" after POST /tickle #1 never ran"#])
        _ = try await transport.send(HTTPRequest(method: "POST", path: "/tickle"))
        #expect(transport.twin.sessionState == .noSession)
        #expect(transport.unplayed().isEmpty)
    }
}
