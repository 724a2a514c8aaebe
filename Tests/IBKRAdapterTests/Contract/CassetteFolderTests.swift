import Foundation
import HTTPCore
import Testing

/// The contract cassettes in `recordings/cpapi/`: each loads, says which cpapi.md example it follows, and is
/// stored in canonical form (as `Cassette.write(to:)` writes it), so a re-save never shows as a diff.
@Suite("recordings/cpapi cassettes")
struct CassetteFolderTests {
    static let names: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: AdapterBackend.recordingsDirectory.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    @Test("the folder holds the contract scenarios")
    func present() {
        #expect(Self.names.count >= 30)
    }

    @Test("each cassette loads, names its reference example and is canonical", arguments: names)
    func canonical(name: String) throws {
        let url = AdapterBackend.recordingsDirectory.appendingPathComponent(name)
        let cassette = try Cassette.load(from: url)
        #expect(!cassette.exchanges.isEmpty)
        let note = try #require(cassette.note)
        #expect(note.contains("cpapi.md") || note.contains("valet-reference.md"))
        #expect(try cassette.encoded() == Data(contentsOf: url))
    }
}
