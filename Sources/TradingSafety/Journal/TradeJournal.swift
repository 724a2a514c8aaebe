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
/// A write that fails part-way (a full disk) would leave a fragment that the next line is appended onto, making
/// that line unreadable after a restart. So after any failed write or flush the file is cut back to the end of
/// its last complete line before anything else is written; when even that fails, every later append is refused
/// (and so every order) until the cut succeeds. A new journal file's directory is synced, so the file's name is as
/// durable as its first line.
///
/// The file is read once when opened (damaged lines are reported in `damage` and skipped) and then kept in
/// memory, so queries never re-read it. An exclusive `flock` makes one process the only writer.
public final class TradeJournal: Sendable {
    /// Where the journal lives.
    public let url: URL
    /// Lines skipped when the journal was opened.
    public let damage: [JournalDamage]

    private struct State {
        var handle: (any JournalStorage)?
        /// The file's length up to the end of its last complete line: where a failed write is cut back to.
        var goodLength: Int
        /// Set when a failed write could not be cut back: why appends are refused until it can.
        var unrestored: String?
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
    /// Told of every intent once it is on disk (synced), in order, before `append` returns.
    private let onDurable: (@Sendable (JournalRecord) -> Void)?
    /// False only in mutation tests: a failed write's fragment is left for the next line to be appended onto.
    private let repairs: Bool

    /// Opens (creating if needed) the journal at `url`, reads it and takes the writer lock. `onDurable` is told
    /// of each intent once it is synced to disk (a simulated run numbers these on the sequence the twin's receipts
    /// use, so a check can prove no order reached the broker before its intent was durable).
    public convenience init(url: URL, onDurable: (@Sendable (JournalRecord) -> Void)? = nil) throws(TradingError) {
        try self.init(url: url, fileSystem: .posix, onDurable: onDurable)
    }

    /// A journal whose writes `fault` can make fail, for rehearsals; `repairs: false` (mutation tests only) leaves a
    /// failed write's fragment in place.
    public convenience init(
        url: URL, writeFault fault: JournalWriteFault, repairs: Bool = true,
        onDurable: (@Sendable (JournalRecord) -> Void)? = nil
    ) throws(TradingError) {
        try self.init(url: url, fileSystem: .posix(fault: fault), onDurable: onDurable, repairs: repairs)
    }

    /// Opens the journal through `fileSystem` (a test passes one whose writes fail).
    init(
        url: URL, fileSystem: JournalFileSystem, onDurable: (@Sendable (JournalRecord) -> Void)? = nil,
        repairs: Bool = true
    ) throws(TradingError) {
        self.url = url
        self.onDurable = onDurable
        self.repairs = repairs
        let directory = url.deletingLastPathComponent()
        let data: Data
        let handle: any JournalStorage
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: url.path) {
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw TradingError(.journalUnavailable, "Could not create the trade journal at \(url.path).")
                }
                try fileSystem.syncDirectory(directory.path)
            }
            data = try Data(contentsOf: url)
            handle = try fileSystem.open(url.path)
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
                handle: handle, goodLength: data.count, records: records, groups: groups, position: position,
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
            try restoreIfNeeded(&state, handle: handle)
            let bytes = state.needsLeadingNewline ? Data([UInt8(ascii: "\n")]) + line : line
            do {
                try handle.write(bytes)
                if record.kind == .intent { try handle.syncData() }
            } catch {
                // Part of the line may be on disk: cut it off now, before anything else can be appended to it.
                let written = "Could not write the trade journal at \(url.path): \(TradingError.describe(error))"
                state.unrestored = written
                try restoreIfNeeded(&state, handle: handle)
                throw TradingError(
                    .journalUnavailable,
                    "\(written). The line was not kept; the journal ends at its last complete line.",
                    hint: "free disk space or fix permissions; no order is sent without its journal line")
            }
            if record.kind == .intent { onDurable?(record) }
            state.goodLength += bytes.count
            state.needsLeadingNewline = false
            state.records.append(record)
            let before = state.position[record.clientOrderID].map { state.groups[$0] }
            Self.index(record, into: &state.groups, position: &state.position)
            if let at = state.position[record.clientOrderID] {
                Self.updateSpendCache(&state.spendCache, from: before, to: state.groups[at])
            }
        }
    }

    /// After a failed write, cuts the file back to its last complete line; throws while that is impossible, so
    /// nothing is ever appended after a fragment.
    private func restoreIfNeeded(_ state: inout State, handle: any JournalStorage) throws(TradingError) {
        guard let failure = state.unrestored else { return }
        guard repairs else {
            state.unrestored = nil
            return
        }
        do {
            try handle.truncate(to: state.goodLength)
            state.unrestored = nil
        } catch {
            throw TradingError(
                .journalUnavailable,
                "Trading is stopped: \(failure), and the partial line could not be removed "
                    + "(\(TradingError.describe(error))). Nothing more is written until it is.",
                hint: "free disk space or fix permissions on \(url.path); the next order retries the repair")
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
