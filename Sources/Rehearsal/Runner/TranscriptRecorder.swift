import FoundationEssentials
import MCPKit

/// Builds transcript lines: one compact JSON object per line with sorted keys, a sequence number and the virtual
/// instant, so the same run always gives the same bytes.
struct TranscriptRecorder {
    private(set) var lines: [String] = []

    mutating func record(_ kind: String, at: Date, _ fields: [String: JSONValue] = [:]) {
        var object = fields
        object["seq"] = .int(lines.count + 1)
        object["kind"] = .string(kind)
        object["at"] = .string(TimeText.format(at))
        lines.append(JSONWriter.string(.object(object)))
    }

    mutating func record(_ entry: TranscriptEntry) {
        record(entry.kind, at: entry.at, ["data": entry.data])
    }
}

extension Decimal {
    /// The decimal as a JSON string, the way money travels in transcripts.
    var json: JSONValue { .string(DecimalText.format(self)) }
}
