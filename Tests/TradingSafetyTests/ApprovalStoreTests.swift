import Foundation
import Testing
import TradingDomain

@testable import TradingSafety

/// The approvals file a person answers with `valet confirm`: bound to every field of the order, used once, expiring
/// on the caller's clock, shared safely between the server and the command.
@Suite("Approval store")
struct ApprovalStoreTests {
    static func request(quantity: Decimal = 2, cost: Decimal? = 400, tool: String = "buy") throws -> ApprovalRequest {
        ApprovalRequest(
            tool: tool, account: "U7654321", order: OrderFingerprint(order: try Fixtures.buy(quantity)),
            timeInForce: .day, estimatedCost: cost, summary: "BUY \(quantity) AAPL MKT DAY")
    }

    static func store() throws -> ApprovalStore {
        ApprovalStore(url: try Fixtures.temporaryDirectory().appendingPathComponent("trades.approvals.json"))
    }

    @Test(
        "an approval covers the same order at up to 2 % more estimated cost, and nothing else",
        arguments: [
            (Decimal(2), Decimal(400), "buy", true), (2, 408, "buy", true),
            (2, Decimal(string: "408.01")!, "buy", false),
            (3, 400, "buy", false), (2, 400, "bracket_order", false),
        ] as [(Decimal, Decimal, String, Bool)])
    func covers(quantity: Decimal, cost: Decimal, tool: String, covered: Bool) throws {
        let approved = try Self.request()
        #expect(
            approved.covers(
                try Self.request(quantity: quantity, cost: cost, tool: tool), tolerance: ApprovalStore.costTolerance)
                == covered)
    }

    @Test("a second store on the same file (valet confirm) sees the request and its approval reaches the server")
    func sharedFile() throws {
        let server = try Self.store()
        let person = ApprovalStore(url: server.url)
        guard
            case .pending(let pending) = try server.decide(try Self.request(), now: Fixtures.start, reference: { "A1" })
        else {
            Issue.record("expected a pending request")
            return
        }
        #expect(try person.pending(now: Fixtures.start).map(\.reference) == ["A1"])
        let approved = try person.approve("a1", now: Fixtures.start.addingTimeInterval(5))
        #expect(approved.approvalExpiresAt == Fixtures.start.addingTimeInterval(305))
        #expect(pending.reference == approved.reference)
        let decision = try server.decide(
            try Self.request(), now: Fixtures.start.addingTimeInterval(6), reference: { "B" })
        var used = approved
        used.usedAt = Fixtures.start.addingTimeInterval(6)
        #expect(decision == .approved(used))
    }

    @Test("a declined, expired or unknown request cannot be approved")
    func settledRequests() throws {
        let store = try Self.store()
        _ = try store.decide(try Self.request(), now: Fixtures.start, reference: { "D1" })
        _ = try store.decline("D1", now: Fixtures.start)
        #expect(throws: TradingError.self) { try store.approve("D1", now: Fixtures.start) }
        _ = try store.decide(try Self.request(quantity: 5), now: Fixtures.start, reference: { "E1" })
        #expect(throws: TradingError.self) { try store.approve("E1", now: Fixtures.start.addingTimeInterval(600)) }
        #expect(throws: TradingError.self) { try store.approve("NOPE", now: Fixtures.start) }
    }

    @Test("the same order asked again at a moved price keeps its one request")
    func oneRequestPerOrder() throws {
        let store = try Self.store()
        let first = try store.decide(try Self.request(cost: 400), now: Fixtures.start, reference: { "P1" })
        let again = try store.decide(
            try Self.request(cost: 405), now: Fixtures.start.addingTimeInterval(20), reference: { "P2" })
        #expect(first == again)
        #expect(try store.pending(now: Fixtures.start).count == 1)
    }

    @Test("a damaged file is a clear error, never an approval")
    func damagedFile() throws {
        let store = try Self.store()
        try FileManager.default.createDirectory(
            at: store.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"approvals\": [{\"reference\": 1}]}".utf8).write(to: store.url)
        #expect(throws: TradingError.self) {
            try store.decide(try Self.request(), now: Fixtures.start, reference: { "X" })
        }
    }
}
