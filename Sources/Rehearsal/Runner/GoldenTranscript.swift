import FoundationEssentials
import TradingDomain

/// The golden transcript checked in beside a scenario (`<file name>.golden.jsonl`) and the comparison with a run.
public enum GoldenTranscript {
    /// How a run's transcript compares with the golden file.
    public enum Status: Sendable, Equatable {
        /// Byte-identical.
        case matched
        /// No golden file yet.
        case missing
        /// The first line that differs (1-based), with both sides (`(none)` past the end of a file).
        case changed(line: Int, expected: String, actual: String)
        /// `--update-golden` rewrote the file; the run still fails so a re-recording is never silent.
        case updated
        /// The golden file could not be written.
        case writeFailed(String)

        public var passed: Bool { self == .matched }

        /// One line for summaries.
        public var summary: String {
            switch self {
            case .matched: return "golden transcript matches"
            case .missing: return "no golden transcript yet; run with --update-golden to record it, then review it"
            case .changed(let line, let expected, let actual):
                return "transcript changed at line \(line):\n      golden: \(expected)\n      actual: \(actual)"
            case .updated:
                return "golden transcript rewritten (--update-golden); this run fails on purpose: review the diff "
                    + "and run again"
            case .writeFailed(let reason): return "could not write the golden transcript: \(reason)"
            }
        }
    }

    /// The golden file's path for a scenario file: `scenarios/foo.json` → `scenarios/foo.golden.jsonl`.
    public static func path(forScenarioAt scenarioPath: String) -> String {
        let base = scenarioPath.hasSuffix(".json") ? String(scenarioPath.dropLast(5)) : scenarioPath
        return base + ".golden.jsonl"
    }

    /// Compares a transcript with golden text (nil: no golden file).
    public static func compare(_ transcript: String, golden: String?) -> Status {
        guard let golden else { return .missing }
        if golden == transcript { return .matched }
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = transcript.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < expected.count, index < actual.count, expected[index] == actual[index] { index += 1 }
        func line(_ lines: [Substring]) -> String {
            guard index < lines.count else { return "(none)" }
            let text = String(lines[index])
            return text.count > 300 ? String(text.prefix(300)) + "…" : text
        }
        return .changed(line: index + 1, expected: line(expected), actual: line(actual))
    }

    /// Compares with the file beside the scenario, or rewrites it when `update` is set.
    public static func check(_ transcript: String, scenarioPath: String, update: Bool) -> Status {
        let goldenPath = path(forScenarioAt: scenarioPath)
        if update {
            do {
                try Data(transcript.utf8).write(to: URL(fileURLWithPath: goldenPath), options: .atomic)
                return .updated
            } catch {
                return .writeFailed("\(goldenPath): \(TradingError.describe(error))")
            }
        }
        let golden = FileManager.default.contents(atPath: goldenPath).map { String(decoding: $0, as: UTF8.self) }
        return compare(transcript, golden: golden)
    }
}
