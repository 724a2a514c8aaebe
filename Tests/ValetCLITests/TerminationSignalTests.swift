import Foundation
import Testing

/// The real `valet` binary stopped with SIGTERM (issue 13, item 6): one line on stderr, exit status 143, and a twin
/// run's scratch journal folder removed, instead of a silent death that leaves the folder behind.
@Suite("valet on SIGTERM")
struct TerminationSignalTests {
    struct Outcome: Sendable {
        var status: Int32
        var reason: Process.TerminationReason
        var stderr: [String]
    }

    /// Starts `valet ARGUMENTS`, waits until stdout shows `ready` (so the handler is installed), sends
    /// SIGTERM, and returns how it ended with everything it wrote on stderr.
    static func terminate(_ arguments: [String], input: String?, ready: String) throws -> Outcome {
        let binary = try ServeEndOfInputTests.requireValue(ServeEndOfInputTests.binary, "the valet binary")
        let valet = try SpawnedValet(binary, arguments, environment: ["TRADE_JOURNAL_PATH": nil])
        let process = valet.process
        let stderr = valet.errors
        let stdout = valet.output
        if let input { valet.send(input) }
        _ = try ServeEndOfInputTests.requireValue(
            ServeEndOfInputTests.Lines(stdout.fileHandleForReading).until(ready), "'\(ready)' on stdout")
        process.terminate()
        var lines: [String] = []
        let errors = ServeEndOfInputTests.Lines(stderr.fileHandleForReading)
        while let line = errors.next() { lines.append(line) }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, reason: process.terminationReason, stderr: lines)
    }

    static func run(_ arguments: [String], input: String?, ready: String) async throws -> Outcome {
        // Pipes block: talk to the process on a thread of its own, never on the cooperative pool other tests share.
        let outcome: Result<Outcome, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { try terminate(arguments, input: input, ready: ready) })
            }
        }
        return try outcome.get()
    }

    @Test(
        "valet serve on the twin: one stderr line, status 143, scratch journal folder removed",
        .enabled(
            if: ServeEndOfInputTests.binary != nil, "needs the valet binary that swift build puts beside the tests"),
        .timeLimit(.minutes(2)))
    func serve() async throws {
        let outcome = try await Self.run(
            ["serve"],
            input:
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"term","version":"1"}}}"#,
            ready: #""id":1"#)
        #expect(outcome.reason == .exit)
        #expect(outcome.status == 143)
        // One line says so. The keeper logs on its own thread, so its start-up line may land just after it; nothing
        // else may.
        let stop = try #require(outcome.stderr.firstIndex(of: "valet serve: stopped by SIGTERM"), "\(outcome.stderr)")
        #expect(
            outcome.stderr[(stop + 1)...].allSatisfy { $0.hasPrefix("valet serve: gateway session") },
            "\(outcome.stderr)")
        #expect(outcome.stderr.filter { $0.contains("SIGTERM") }.count == 1)
        let paths = outcome.stderr.compactMap { line in line.firstMatch(of: /journal (\S+trades\.jsonl)/).map { $0.1 } }
        let journal = try #require(paths.first)
        let folder = URL(fileURLWithPath: String(journal)).deletingLastPathComponent()
        #expect(folder.lastPathComponent.hasPrefix("valet-"))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test(
        "valet keepalive: one stderr line and status 143",
        .enabled(
            if: ServeEndOfInputTests.binary != nil, "needs the valet binary that swift build puts beside the tests"),
        .timeLimit(.minutes(2)))
    func keepalive() async throws {
        let outcome = try await Self.run(
            ["keepalive", "--url", "http://127.0.0.1:1/v1/api", "--interval", "60"], input: nil,
            ready: "Keep-alive started")
        #expect(outcome.reason == .exit)
        #expect(outcome.status == 143)
        #expect(outcome.stderr.last == "valet keepalive: stopped by SIGTERM", "\(outcome.stderr)")
    }
}
