import Foundation
import Testing

/// DESIGN.md §3: no ambient time, identity or randomness in the deterministic modules.
@Suite("Determinism")
struct DeterminismTests {
    static let deterministicModules = ["TradingDomain", "TradingSafety", "SimulationKit", "GatewayTwin", "Rehearsal"]
    static let forbidden = [
        "Date()", "UUID()", ".random(", "SystemRandomNumberGenerator", "Task.sleep", "ContinuousClock",
    ]

    /// The forbidden words found in code lines of a text (comment lines are skipped).
    static func violations(in text: String) -> [String] {
        var found: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") { continue }
            for word in forbidden where line.contains(word) {
                found.append("line \(number + 1): \(word)")
            }
        }
        return found
    }

    @Test("no ambient clock, UUID or randomness", arguments: deterministicModules)
    func noAmbientSources(module: String) throws {
        for file in try SourceTree.files(in: module) {
            let hits = Self.violations(in: file.text)
            #expect(
                hits.isEmpty,
                "\(file.path): \(hits.joined(separator: ", ")) — inject a clock, ids or a seeded generator")
        }
    }

    @Test("the scanner finds each forbidden word and skips comments")
    func scannerWorks() {
        let text = """
            let now = Date()
            // let id = UUID() is only a comment
            let n = Int.random(in: 0..<3)
            try await Task.sleep(for: .seconds(1))
            """
        #expect(Self.violations(in: text) == ["line 1: Date()", "line 3: .random(", "line 4: Task.sleep"])
    }
}
