import Foundation
import MCPKit
import Testing

@testable import Rehearsal

/// The scenario catalogue (issue 7): enough scenarios, each documented, each with a golden transcript and with
/// expectations that say more than "it worked", and every one passing on the real stack over the twin.
@Suite("Scenario catalogue")
struct ScenarioCatalogueTests {
    static let folder = ScenarioFilesTests.folder
    static let files = ScenarioFilesTests.files

    static let readme: String = {
        let path = (folder as NSString).appendingPathComponent("README.md")
        return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }()

    static func baseName(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    @Test("the catalogue holds at least 30 scenarios")
    func atLeastThirty() {
        #expect(Self.files.count >= 30)
    }

    @Test("every scenario has its golden transcript beside it", arguments: files)
    func hasGolden(path: String) {
        let golden = (path as NSString).deletingPathExtension + ".golden.jsonl"
        #expect(FileManager.default.fileExists(atPath: golden), "missing \(golden)")
    }

    @Test("every scenario has a row in the README's catalogue table", arguments: files)
    func listedInReadme(path: String) {
        #expect(Self.readme.contains("| `\(Self.baseName(path)).json` |"))
    }

    /// A scenario whose only checks are `{"ok": true}` would pass even if the behaviour it names broke.
    @Test("every scenario checks more than ok: true", arguments: files)
    func expectsSomethingSpecific(path: String) throws {
        let scenario = try ScenarioDecoder.load(path: path)
        let specific = scenario.steps.contains { step in
            switch step {
            case .expectState: return true
            case .call(let call):
                guard let members = call.expect?.pattern.objectValue else { return false }
                return members.keys.contains { $0 != "ok" }
            default: return false
            }
        }
        #expect(specific, "\(Self.baseName(path)) only checks ok: true")
    }
}
