import FoundationEssentials
import TradingDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The out-of-band approvals of live real-money orders: a JSON file beside the trade journal that the server
/// writes pending requests to and `valet confirm` (a person at a terminal) approves them in. Nothing in it ever
/// reaches the agent except a pending request's reference; the agent cannot approve by any argument it sends.
///
/// Both processes change the file under an exclusive `flock` on a lock file beside it, read-modify-write, and
/// replace it atomically, so a request and an approval never overwrite each other. Times come from the caller.
public final class ApprovalStore: Sendable {
    /// How long a person has to approve a request.
    public static let requestLifetime: TimeInterval = 600
    /// How long an approval lets the order through once given.
    public static let approvalLifetime: TimeInterval = 300
    /// How much an order's estimated cost may rise between approval and placement (2 %).
    public static let costTolerance: Decimal = Decimal(string: "0.02")!
    /// Requests finished (used, declined, expired) longer ago than this are dropped from the file.
    static let retention: TimeInterval = 86_400

    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The store that belongs to the journal at `journalURL`: `trades.jsonl` → `trades.approvals.json`.
    public static func url(besideJournal journalURL: URL) -> URL {
        let name = journalURL.deletingPathExtension().lastPathComponent
        return journalURL.deletingLastPathComponent().appendingPathComponent("\(name).approvals.json")
    }

    /// What the server may do with an order that needs approval.
    public enum Decision: Sendable, Hashable {
        /// A person approved exactly this order; the approval is now used.
        case approved(OrderApproval)
        /// Waiting for a person (an existing request for the same order, or a new one).
        case pending(OrderApproval)
    }

    /// Uses an unexpired approval that covers `request`, or returns the pending request for it (made now with
    /// `reference()` when there is none).
    public func decide(_ request: ApprovalRequest, now: Date, reference: () -> String) throws(TradingError)
        -> Decision
    {
        try change(now: now) { entries in
            if let index = entries.firstIndex(where: {
                $0.state(at: now) == .approved && $0.request.covers(request, tolerance: Self.costTolerance)
            }) {
                entries[index].usedAt = now
                return .approved(entries[index])
            }
            // The same order asked again while the person has not answered: one request, not one per call (the
            // estimated cost may have moved; the person sees the first one, and `covers` checks the rise later).
            if let waiting = entries.first(where: {
                $0.state(at: now) == .pending && $0.request.isSameOrder(as: request)
            }) {
                return .pending(waiting)
            }
            var text = reference()
            while entries.contains(where: { $0.reference == text }) { text = reference() }
            let entry = OrderApproval(
                reference: text, request: request, requestedAt: now,
                requestExpiresAt: now.addingTimeInterval(Self.requestLifetime))
            entries.append(entry)
            return .pending(entry)
        }
    }

    /// Every request a person can still approve, oldest first.
    public func pending(now: Date) throws(TradingError) -> [OrderApproval] {
        try change(now: now) { entries in entries.filter { $0.state(at: now) == .pending } }
    }

    /// Approves the pending request `reference`, from `now` for `approvalLifetime`.
    public func approve(_ reference: String, now: Date) throws(TradingError) -> OrderApproval {
        try settle(reference, now: now) { entry in
            entry.approvedAt = now
            entry.approvalExpiresAt = now.addingTimeInterval(Self.approvalLifetime)
        }
    }

    /// Declines the pending request `reference`; the agent's next call asks again.
    public func decline(_ reference: String, now: Date) throws(TradingError) -> OrderApproval {
        try settle(reference, now: now) { entry in entry.declinedAt = now }
    }

    private func settle(_ reference: String, now: Date, _ apply: (inout OrderApproval) -> Void) throws(TradingError)
        -> OrderApproval
    {
        let wanted = reference.trimmed().uppercased()
        let result: Result<OrderApproval, TradingError> = try change(now: now) { entries in
            guard let index = entries.firstIndex(where: { $0.reference == wanted }) else {
                return .failure(
                    TradingError(
                        .invalidRequest, "No approval request has the reference \(wanted).",
                        hint: "run valet confirm without a reference to list the pending ones"))
            }
            let state = entries[index].state(at: now)
            guard state == .pending else {
                return .failure(
                    TradingError(
                        .invalidRequest, "Request \(wanted) is \(state.rawValue), not pending; nothing was changed.",
                        hint: "ask the agent to place the order again for a new request"))
            }
            apply(&entries[index])
            return .success(entries[index])
        }
        return try result.get()
    }

    /// Runs `body` on the entries under the file lock and writes them back when they changed.
    private func change<T>(now: Date, _ body: (inout [OrderApproval]) -> T) throws(TradingError) -> T {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let lock = open(url.path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard lock >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { _ = close(lock) }
            while flock(lock, LOCK_EX) != 0 {
                guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            let before = try read()
            var entries = before.filter {
                let end = $0.usedAt ?? $0.declinedAt ?? $0.approvalExpiresAt ?? $0.requestExpiresAt
                return now.timeIntervalSince(end) < Self.retention
            }
            let result = body(&entries)
            if entries != before { try write(entries) }
            return result
        } catch {
            throw TradingError(
                .journalUnavailable,
                "Could not read or write the approvals file \(url.path): \(TradingError.describe(error))",
                hint: "check the file's permissions, or remove it if it is damaged (pending requests are then lost)")
        }
    }

    private func read() throws -> [OrderApproval] {
        guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else { return [] }
        return try JSONDecoder().decode(File.self, from: data).approvals
    }

    private func write(_ entries: [OrderApproval]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(File(approvals: entries)).write(to: url, options: .atomic)
    }

    private struct File: Codable {
        var approvals: [OrderApproval]
    }
}
