import Foundation
import Testing
import TradingSafety

/// The real `valet serve` binary at the end of its input (issue 11, item 8): a pending `wait_for_fill` is cancelled,
/// the process exits 0 and the journal's writer lock is free again, instead of the server waiting out the wait.
@Suite("valet serve at end of input")
struct ServeEndOfInputTests {
    /// The `valet` binary SwiftPM built beside the test bundle.
    static let binary: URL? = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("valet")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// Reads a pipe line by line (blocking; called off the cooperative pool).
    final class Lines: @unchecked Sendable {
        // @unchecked: used by one test body, one call at a time.
        private let handle: FileHandle
        private var buffer = Data()

        init(_ handle: FileHandle) { self.handle = handle }

        /// The next line, or nil at EOF.
        func next() -> String? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[(newline + 1)...])
                    return String(decoding: line, as: UTF8.self)
                }
                let chunk = handle.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }

        /// Lines until one contains `marker` (inclusive); nil at EOF first.
        func until(_ marker: String) -> [String]? {
            var seen: [String] = []
            while let line = next() {
                seen.append(line)
                if line.contains(marker) { return seen }
            }
            return nil
        }
    }

    /// What the served process did: its exit status and the lines it wrote after its input closed.
    struct Outcome: Sendable {
        var status: Int32
        var afterClose: [String]
    }

    @Test(
        "closing stdin cancels a pending wait_for_fill, exits 0 and frees the journal",
        .enabled(if: binary != nil, "needs the valet binary that swift build puts beside the tests"),
        .timeLimit(.minutes(2)))
    func endOfInput() async throws {
        let binary = try #require(Self.binary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("valet-eof-\(UUID().uuidString)")
        let journal = folder.appendingPathComponent("trades.jsonl")
        // Pipes block: talk to the process on a thread of its own, never on the cooperative pool other tests share.
        let outcome: Result<Outcome, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: Result { try Self.serveUntilEndOfInput(binary: binary, journal: journal) })
            }
        }
        let result = try outcome.get()
        #expect(result.status == 0)
        // The wait was cancelled, not waited out: it never answered.
        #expect(!result.afterClose.contains { $0.contains(#""id":3"#) }, "\(result.afterClose)")
        // The writer lock is free: another process may open the journal.
        let reopened = try TradeJournal(url: journal)
        #expect(reopened.records.contains { $0.kind == .intent })
        reopened.close()
    }

    @Test(
        "the twin's scratch journal folder is removed when the server exits",
        .enabled(if: binary != nil, "needs the valet binary that swift build puts beside the tests"),
        .timeLimit(.minutes(2)))
    func scratchRemoved() async throws {
        let binary = try #require(Self.binary)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("valet-tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let log: Result<String, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { try Self.serveOnce(binary: binary, temporary: temporary) })
            }
        }
        let stderr = try log.get()
        // The journal was a scratch file in the temporary directory given, and nothing of it is left.
        #expect(stderr.contains("journal \(temporary.path)/valet-"), "\(stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }

    /// Runs `valet serve` on the twin with `TMPDIR` at `temporary`: initialize, end of input, exit; answers stderr.
    static func serveOnce(binary: URL, temporary: URL) throws -> String {
        let valet = try SpawnedValet(
            binary, ["serve"], environment: ["TMPDIR": temporary.path, "TRADE_JOURNAL_PATH": nil])
        valet.send(
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"tmp","version":"1"}}}"#
        )
        _ = valet.lines.until(#""id":1"#)
        try valet.input.fileHandleForWriting.close()
        let text = String(decoding: valet.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        valet.process.waitUntilExit()
        return text
    }

    /// Starts `valet serve`, places a resting buy, starts `wait_for_fill` on it, closes standard input once the wait
    /// reports progress, and returns what followed.
    static func serveUntilEndOfInput(binary: URL, journal: URL) throws -> Outcome {
        let valet = try SpawnedValet(binary, ["serve"], environment: ["TRADE_JOURNAL_PATH": journal.path])
        let process = valet.process
        let input = valet.input
        let lines = valet.lines
        let send = valet.send

        send(
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"eof","version":"1"}}}"#
        )
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        // A resting limit buy far below the twin's market gives wait_for_fill something to wait for.
        send(
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"buy","arguments":{"symbol":"AAPL","quantity":1,"limit_price":100}}}"#
        )
        let placed = try requireValue(lines.until(#""id":2"#)?.last)
        let orderID = try requireValue(placed.firstMatch(of: /"order_id":"(\d+)"/)?.1)
        send(
            #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"wait_for_fill","arguments":{"order_id":"\#(orderID)","timeout_seconds":120},"_meta":{"progressToken":"w"}}}"#
        )
        // Its first progress notification says the wait is under way.
        _ = try requireValue(lines.until("notifications/progress"))
        try input.fileHandleForWriting.close()

        var rest: [String] = []
        while let line = lines.next() { rest.append(line) }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, afterClose: rest)
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func requireValue<T>(_ value: T?, _ what: String = "the server's answer") throws -> T {
        guard let value else { throw Missing(description: "missing \(what)") }
        return value
    }
}
