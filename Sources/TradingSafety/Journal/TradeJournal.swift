import FoundationEssentials
import Synchronization
import TradingDomain

/// The append-only trade journal: one JSON object per line (sorted keys). It is the audit log of every order
/// attempt and the source of truth for the daily cap, duplicate and unresolved-dispatch checks.
///
/// Every line is written before `append` returns, so it survives a crash of the process. Intent lines are also
/// forced to disk before `append` returns, since nothing may be sent before its intent is durable; other lines
/// (outcomes, resolutions, refusals) reach the disk with the next intent's flush. A power loss can therefore
/// lose only the lines after the last intent, and an intent whose outcome was lost reads as unknown: it counts
/// toward the caps and blocks a resend until reconciled, the safe side.
///
/// The file is read once when opened (damaged lines are reported in `damage` and skipped) and then kept in
/// memory, so queries never re-read it. An exclusive `flock` makes one process the only writer.
public final class TradeJournal: Sendable {
    /// Where the journal lives.
    public let url: URL
    /// Lines skipped when the journal was opened.
    public let damage: [JournalDamage]

    private struct State {
        var handle: AppendOnlyFile?
        var records: [JournalRecord]
        /// Groups in order of first appearance, and where each client order id sits in that list.
        var groups: [JournalGroup]
        var position: [ClientOrderID: Int]
        /// The file does not end with a newline (a torn last line): the next append starts a new line first.
        var needsLeadingNewline: Bool
        /// Spend totals already computed, by interval, kept current as lines arrive (see `spent(in:)`).
        var spendCache: [DateInterval: Decimal] = [:]
    }

    private let state: Mutex<State>

    /// Opens (creating if needed) the journal at `url`, reads it and takes the writer lock.
    public init(url: URL) throws(TradingError) {
        self.url = url
        let directory = url.deletingLastPathComponent()
        let data: Data
        let handle: AppendOnlyFile
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: url.path) {
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw TradingError(.journalUnavailable, "Could not create the trade journal at \(url.path).")
                }
            }
            data = try Data(contentsOf: url)
            handle = try AppendOnlyFile(path: url.path)
        } catch let error as TradingError {
            throw error
        } catch {
            throw TradingError(
                .journalUnavailable, "Could not open the trade journal at \(url.path): \(TradingError.describe(error))",
                hint: "check the path (TRADE_JOURNAL_PATH) and its permissions")
        }
        guard handle.lockExclusively() else {
            handle.close()
            throw TradingError(
                .journalUnavailable, "Another process is writing the trade journal at \(url.path).",
                hint: "run one Valet server per account and journal")
        }
        let (records, damage) = Self.parse(data)
        self.damage = damage
        var groups: [JournalGroup] = []
        var position: [ClientOrderID: Int] = [:]
        for record in records { Self.index(record, into: &groups, position: &position) }
        state = Mutex(
            State(
                handle: handle, records: records, groups: groups, position: position,
                needsLeadingNewline: !data.isEmpty && data.last != UInt8(ascii: "\n")))
    }

    deinit {
        state.withLock { state in
            state.handle?.close()
            state.handle = nil
        }
    }

    /// Releases the file and its writer lock; later appends fail.
    public func close() {
        state.withLock { state in
            state.handle?.close()
            state.handle = nil
        }
    }

    /// Appends one line (an intent is also flushed to disk). Throws `journalUnavailable` when it is not written.
    public func append(_ record: JournalRecord) throws(TradingError) {
        let line: Data
        do {
            line = try Self.encoder().encode(record) + Data([UInt8(ascii: "\n")])
        } catch {
            throw TradingError(.internalFailure, "Could not encode a journal line: \(TradingError.describe(error))")
        }
        try state.withLock { (state: inout State) throws(TradingError) in
            guard let handle = state.handle else {
                throw TradingError(.journalUnavailable, "The trade journal at \(url.path) is closed.")
            }
            do {
                let bytes = state.needsLeadingNewline ? Data([UInt8(ascii: "\n")]) + line : line
                try handle.write(bytes)
                if record.kind == .intent { try handle.syncData() }
            } catch {
                throw TradingError(
                    .journalUnavailable,
                    "Could not write the trade journal at \(url.path): \(TradingError.describe(error))",
                    hint: "free disk space or fix permissions; no order is sent without its journal line")
            }
            state.needsLeadingNewline = false
            state.records.append(record)
            let before = state.position[record.clientOrderID].map { state.groups[$0] }
            Self.index(record, into: &state.groups, position: &state.position)
            if let at = state.position[record.clientOrderID] {
                Self.updateSpendCache(&state.spendCache, from: before, to: state.groups[at])
            }
        }
    }

    /// Every readable line, in file order.
    public var records: [JournalRecord] { state.withLock { $0.records } }

    /// The last `limit` lines (all of them when `limit` is 0 or less).
    public func recent(limit: Int) -> [JournalRecord] {
        state.withLock { state in
            limit > 0 ? Array(state.records.suffix(limit)) : state.records
        }
    }

    /// Every group, in the order of its first line.
    public var groups: [JournalGroup] {
        state.withLock { $0.groups }
    }

    /// The lines of one client order id.
    public func group(_ id: ClientOrderID) -> JournalGroup? {
        state.withLock { state in state.position[id].map { state.groups[$0] } }
    }

    /// The encoder of every journal line: sorted keys, no escaped slashes.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func index(
        _ record: JournalRecord, into groups: inout [JournalGroup], position: inout [ClientOrderID: Int]
    ) {
        if let at = position[record.clientOrderID] {
            groups[at].append(record)
        } else {
            position[record.clientOrderID] = groups.count
            groups.append(JournalGroup(first: record))
        }
    }

    /// Runs `body` on the groups and the spend cache under the lock.
    func withSpendState<Result>(_ body: ([JournalGroup], inout [DateInterval: Decimal]) -> Result) -> Result {
        state.withLock { state in body(state.groups, &state.spendCache) }
    }

    /// What one group adds to a day's spend when no order was ever modified: its value while it may be live.
    static func spendContribution(_ group: JournalGroup?) -> (at: Date, amount: Decimal)? {
        guard let group, group.fate.mayBeLive, group.isBuySpending, let amount = group.notional,
            let at = group.dispatchedAt
        else { return nil }
        return (at, amount)
    }

    /// Applies one group's change to every cached total. A modification makes a group's share depend on the other
    /// groups of its order, so it empties the cache and later queries recompute in full.
    private static func updateSpendCache(
        _ cache: inout [DateInterval: Decimal], from before: JournalGroup?, to after: JournalGroup
    ) {
        guard !cache.isEmpty else { return }
        guard after.action != .modify else {
            cache.removeAll()
            return
        }
        let old = spendContribution(before)
        let new = spendContribution(after)
        for interval in Array(cache.keys) {
            var total = cache[interval] ?? 0
            if let old, interval.contains(old.at) { total -= old.amount }
            if let new, interval.contains(new.at) { total += new.amount }
            cache[interval] = total
        }
    }

    /// Splits the file into lines and decodes each; damaged lines are reported, not fatal.
    static func parse(_ data: Data) -> ([JournalRecord], [JournalDamage]) {
        let decoder = JSONDecoder()
        var records: [JournalRecord] = []
        var damage: [JournalDamage] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let endsWithNewline = data.last == UInt8(ascii: "\n")
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let isUnterminated = index == lines.count - 1 && !endsWithNewline
            do {
                records.append(try decoder.decode(JournalRecord.self, from: Data(line)))
            } catch {
                let excerpt = String(decoding: line.prefix(80), as: UTF8.self)
                damage.append(
                    JournalDamage(
                        kind: isUnterminated ? .tornLastLine : .unreadableLine, lineNumber: index + 1,
                        excerpt: excerpt,
                        reason: isUnterminated
                            ? "the last line was cut short (a crash during a write); it was skipped"
                            : "not a journal record: \(TradingError.describe(error))"))
            }
        }
        return (records, damage)
    }
}
