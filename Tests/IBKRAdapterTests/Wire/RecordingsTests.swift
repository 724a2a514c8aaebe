import Foundation
import HTTPCore
import Testing

/// The cassettes in `recordings/`, built from the [REAL] responses of cpapi.md: each loads, says where it
/// comes from, is stored in canonical form, and replays completely.
@Suite("recordings/ cassettes")
struct RecordingsTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Wire
        .deletingLastPathComponent()  // IBKRAdapterTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("recordings")

    static let names: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    @Test("the folder holds the cassettes")
    func present() {
        #expect(Self.names.count >= 10, "found \(Self.names) in \(Self.folder.path)")
    }

    @Test("each cassette loads, names its reference example and is in canonical form", arguments: names)
    func loads(name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        let cassette = try Cassette.load(from: url)
        #expect(!cassette.exchanges.isEmpty)
        let note = try #require(cassette.note)
        #expect(note.contains("cpapi.md §"))
        #expect(note.contains("[REAL]"))
        #expect(try cassette.encoded() == Data(contentsOf: url), "re-save \(name) through Cassette.write(to:)")
    }

    @Test("each cassette replays every exchange in order and leaves nothing over", arguments: names)
    func replays(name: String) async throws {
        let cassette = try Cassette.load(from: Self.folder.appendingPathComponent(name))
        let replay = ReplayTransport(cassette: cassette)
        for exchange in cassette.exchanges {
            let request = HTTPRequest(
                method: exchange.method, path: exchange.path, query: exchange.query.map(\.urlQueryItem),
                body: exchange.requestBody?.data())
            let response = try await replay.send(request)
            #expect(response.status == exchange.status)
            #expect(Cassette.Body(data: response.body) == exchange.responseBody)
        }
        #expect(replay.leftovers().isEmpty)
    }
}
