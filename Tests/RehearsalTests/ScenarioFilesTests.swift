import Foundation
import Testing

@testable import Rehearsal

/// The checked-in scenarios must always decode, even before a real target runs them.
@Suite("Checked-in scenarios")
struct ScenarioFilesTests {
    /// `scenarios/` at the package root, found from this file's location.
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("scenarios").path
    }()

    static let files: [String] = ScenarioSuite.scenarioFiles(in: [folder]).files

    @Test("there are at least 12 scenarios, one per pain point they name")
    func enough() {
        #expect(Self.files.count >= 12)
    }

    @Test("every scenario decodes, is named after its file and has steps", arguments: files)
    func decodes(path: String) throws {
        let scenario = try ScenarioDecoder.load(path: path)
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        #expect(scenario.name == base)
        #expect(!scenario.description.isEmpty)
        #expect(!scenario.steps.isEmpty)
        #expect(!scenario.instruments.isEmpty)
        #expect(scenario.instruments.allSatisfy { !$0.ticks.isEmpty })
    }
}
