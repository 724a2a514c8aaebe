import Foundation
import Synchronization
import Testing
import TradingDomain
import TradingSafety

@testable import valet

/// `valet confirm`: only a person at a terminal approves a live real-money order, seeing every field it binds.
@Suite("valet confirm")
struct ConfirmCommandTests {
    static let start = Date(timeIntervalSince1970: 1_764_082_800)

    /// A journal path in a fresh folder, with one pending request for `BUY 3 AAPL LMT 150` made at `start`.
    static func pendingRequest() throws -> (journal: URL, store: ApprovalStore, reference: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("valet-confirm-\(UUID().uuidString)")
        let journal = folder.appendingPathComponent("trades.jsonl")
        let store = ApprovalStore(url: ApprovalStore.url(besideJournal: journal))
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(3), type: .limit(150))
        let request = ApprovalRequest(
            tool: "buy", account: "U7654321", order: OrderFingerprint(order: order), timeInForce: .day,
            estimatedCost: 450, summary: "BUY 3 AAPL LMT limit 150 DAY")
        guard case .pending(let approval) = try store.decide(request, now: start, reference: { "K7P2QX" }) else {
            throw CommandLineError("expected a pending request")
        }
        return (journal, store, approval.reference)
    }

    static func command(answers: [String], interactive: Bool = true) -> ConfirmCommand {
        let lines = Mutex(answers)
        return ConfirmCommand(
            terminal: ConfirmTerminal(
                isInteractive: { interactive },
                readLine: { lines.withLock { $0.isEmpty ? nil : $0.removeFirst() } }),
            now: { start.addingTimeInterval(30) })
    }

    @Test("refuses when standard input is not a terminal, and approves nothing")
    func refusesWithoutTerminal() async throws {
        let (journal, store, reference) = try Self.pendingRequest()
        let run = await runCommand(
            Self.command(answers: ["yes"], interactive: false), [reference, "--journal", journal.path])
        #expect(run.status == 2)
        #expect(run.err.contains("not a terminal"))
        #expect(try store.pending(now: Self.start).map(\.reference) == [reference])
    }

    @Test("lists what waits, showing every field the approval binds")
    func lists() async throws {
        let (journal, _, reference) = try Self.pendingRequest()
        let run = await runCommand(Self.command(answers: []), ["--journal", journal.path])
        #expect(run.status == 0)
        for field in [
            "Request \(reference): REAL MONEY on account U7654321", "side:           BUY", "quantity:       3",
            "type:           LMT", "limit price:    150", "time in force:  DAY", "estimated cost: 450",
        ] {
            #expect(run.out.contains(field), "\(field)")
        }
    }

    @Test("yes records a single-use approval that expires; anything else approves nothing")
    func approves() async throws {
        let (journal, store, reference) = try Self.pendingRequest()
        let unsure = await runCommand(Self.command(answers: ["maybe"]), [reference, "--journal", journal.path])
        #expect(unsure.status == 1)
        #expect(try store.pending(now: Self.start).count == 1)

        let run = await runCommand(Self.command(answers: ["yes"]), [reference.lowercased(), "--journal", journal.path])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("Approved \(reference)"))
        #expect(try store.pending(now: Self.start).isEmpty)

        // The approval covers this exact order once, within its lifetime.
        let order = try OrderRequest(symbol: try Symbol("AAPL"), side: .buy, size: .quantity(3), type: .limit(150))
        let request = ApprovalRequest(
            tool: "buy", account: "U7654321", order: OrderFingerprint(order: order), timeInForce: .day,
            estimatedCost: 450, summary: "BUY 3 AAPL LMT limit 150 DAY")
        let later = Self.start.addingTimeInterval(60)
        guard case .approved(let used) = try store.decide(request, now: later, reference: { "NEW1" }) else {
            Issue.record("the approval did not let the exact order through")
            return
        }
        #expect(used.reference == reference)
        guard case .pending(let next) = try store.decide(request, now: later, reference: { "NEW2" }) else {
            Issue.record("a used approval let the order through twice")
            return
        }
        #expect(next.reference == "NEW2")
    }

    @Test("no declines the request")
    func declines() async throws {
        let (journal, store, reference) = try Self.pendingRequest()
        let run = await runCommand(Self.command(answers: ["no"]), [reference, "--journal", journal.path])
        #expect(run.status == 0)
        #expect(run.out.contains("Declined"))
        #expect(try store.pending(now: Self.start).isEmpty)
    }
}
