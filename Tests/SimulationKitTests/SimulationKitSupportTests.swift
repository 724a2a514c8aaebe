import Foundation
import Testing

@testable import SimulationKit

@Suite("Sequential ids and the event queue")
struct SimulationKitSupportTests {
    @Test("ids increase by the step and format with padding")
    func sequentialIDs() {
        var ids = SequentialIDGenerator(start: 100, step: 2)
        #expect(ids.next() == 100)
        #expect(ids.next() == 102)
        #expect(ids.nextString(prefix: "x-", width: 5) == "x-00104")
        #expect(ids.upcoming == 106)
    }

    @Test("events come out by time, then by scheduling order")
    func queueOrder() {
        var queue = EventQueue<String>()
        let base = Date(timeIntervalSince1970: 1000)
        queue.schedule("late", at: base.addingTimeInterval(10))
        queue.schedule("first-at-5", at: base.addingTimeInterval(5))
        queue.schedule("early", at: base)
        queue.schedule("second-at-5", at: base.addingTimeInterval(5))
        #expect(queue.popDue(notAfter: base.addingTimeInterval(-1)) == nil)
        var order: [String] = []
        while let entry = queue.popDue(notAfter: base.addingTimeInterval(7)) {
            order.append(entry.payload)
        }
        #expect(order == ["early", "first-at-5", "second-at-5"])
        #expect(queue.count == 1)
        queue.removeAll { $0 == "late" }
        #expect(queue.isEmpty)
    }

    @Test("many random events drain in sorted order")
    func queueHeapProperty() {
        var generator = SplitMix64(seed: 3)
        var queue = EventQueue<Int>()
        for index in 0..<300 {
            queue.schedule(index, at: Date(timeIntervalSince1970: Double(generator.nextBounded(50))))
        }
        var previous: (Date, UInt64)?
        while let entry = queue.popFirst() {
            if let previous {
                #expect(previous.0 < entry.time || (previous.0 == entry.time && previous.1 < entry.sequence))
            }
            previous = (entry.time, entry.sequence)
        }
    }

    @Test("trace lines have sorted keys and explicit dates")
    func traceWriter() throws {
        struct Event: Encodable {
            let zeta: Int
            let alpha: String
            let at: Date
        }
        let writer = TraceWriter()
        try writer.record(Event(zeta: 1, alpha: "a/b", at: Date(timeIntervalSince1970: 1_767_710_400.25)))
        #expect(writer.lines == [#"{"alpha":"a/b","at":"2026-01-06T14:40:00.250Z","zeta":1}"#])
    }

    @Test(
        "dates format as UTC ISO-8601 with milliseconds",
        arguments: [
            (0.0, "1970-01-01T00:00:00.000Z"), (951_782_400.0, "2000-02-29T00:00:00.000Z"),
            (-1.0, "1969-12-31T23:59:59.000Z"),
        ])
    func dateFormat(seconds: Double, expected: String) {
        #expect(TraceWriter.formatDate(Date(timeIntervalSince1970: seconds)) == expected)
    }
}

@Suite("TraceWriter files")
struct TraceWriterFileTests {
    @Test("a file-backed trace appends one line per event and survives reopening")
    func fileTrace() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "valet-trace-\(ProcessInfo.processInfo.processIdentifier).jsonl")
        try? FileManager.default.removeItem(at: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let first = try TraceWriter(fileURL: url)
        try first.record(["b": 2, "a": 1])
        try first.close()
        let second = try TraceWriter(fileURL: url)
        try second.record(["c": 3])
        try second.close()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == "{\"a\":1,\"b\":2}\n{\"c\":3}\n")
    }
}
