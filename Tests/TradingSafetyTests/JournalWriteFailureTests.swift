import Foundation
import Synchronization
import Testing
import TradingDomain

@testable import TradingSafety

/// A full disk must never cost a journal line that was acknowledged, nor hide the next one: after a failed write
/// the file is cut back to its last complete line before anything else is written (issue 11, item 7).
@Suite("Trade journal after a failed write")
struct JournalWriteFailureTests {
    typealias Line = TradeJournalTests

    /// A journal whose file is a `HalfWritingStorage`, and that storage.
    static func journal(at url: URL) throws -> (TradeJournal, HalfWritingStorage) {
        let box = Mutex<HalfWritingStorage?>(nil)
        let fileSystem = JournalFileSystem(
            open: { path throws(POSIXError) in
                let storage = try HalfWritingStorage(path: path)
                box.withLock { $0 = storage }
                return storage
            },
            syncDirectory: { _ throws(POSIXError) in })
        let journal = try TradeJournal(url: url, fileSystem: fileSystem)
        return (journal, try #require(box.withLock { $0 }))
    }

    static func fileBytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    @Test("a half-written line is cut off, so the next intent is readable after a restart and counts")
    func halfWrittenLine() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("trades.jsonl")
        let (journal, storage) = try Self.journal(at: url)
        try journal.append(try Line.line(.intent, "c-1"))
        let afterFirst = try Self.fileBytes(url)

        storage.failNextWrite()
        #expect(throws: TradingError.self) { try journal.append(try Line.line(.intent, "c-2", at: 1)) }
        #expect(try Self.fileBytes(url) == afterFirst)
        #expect(journal.records.map(\.clientOrderID.value) == ["c-1"])

        let third = try Line.fingerprint(3)
        try journal.append(try Line.line(.intent, "c-3", at: 2, notional: 150, order: third))
        journal.close()

        let reopened = try TradeJournal(url: url)
        #expect(reopened.damage.isEmpty)
        #expect(reopened.records.map(\.clientOrderID.value) == ["c-1", "c-3"])
        // The intent written after the failure counts toward the daily cap and the duplicate guard.
        #expect(reopened.spentToday(now: Fixtures.start, timeZone: .utc) == 200)
        #expect(reopened.lastLiveDispatch(of: third) == Fixtures.start.addingTimeInterval(2))
        #expect(reopened.unresolvedGroup(matching: third)?.clientOrderID.value == "c-3")
    }

    @Test("when the partial line cannot be removed, every append is refused until it can")
    func repairFailureStopsTrading() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("trades.jsonl")
        let (journal, storage) = try Self.journal(at: url)
        try journal.append(try Line.line(.intent, "c-1"))
        let goodLength = try Self.fileBytes(url).count

        storage.failNextWrite()
        storage.setTruncationFails(true)
        let first = #expect(throws: TradingError.self) { try journal.append(try Line.line(.intent, "c-2", at: 1)) }
        #expect(first?.code == .journalUnavailable)
        #expect(first?.message.contains("Trading is stopped") == true)
        let fragment = try Self.fileBytes(url)
        #expect(fragment.count > goodLength)

        // Still broken: refused before a byte is written after the fragment.
        let second = #expect(throws: TradingError.self) { try journal.append(try Line.line(.intent, "c-3", at: 2)) }
        #expect(second?.message.contains("Trading is stopped") == true)
        #expect(try Self.fileBytes(url) == fragment)

        storage.setTruncationFails(false)
        try journal.append(try Line.line(.intent, "c-3", at: 2))
        #expect(storage.truncations == [goodLength, goodLength, goodLength])
        journal.close()
        let reopened = try TradeJournal(url: url)
        #expect(reopened.damage.isEmpty)
        #expect(reopened.records.map(\.clientOrderID.value) == ["c-1", "c-3"])
    }

    @Test("the journal's folder is synced when the file is created, not when it is reopened")
    func directorySyncedOnCreate() throws {
        let directory = try Fixtures.temporaryDirectory()
        let url = directory.appendingPathComponent("trades.jsonl")
        let synced = Mutex<[String]>([])
        let fileSystem = JournalFileSystem(
            open: { path throws(POSIXError) in try AppendOnlyFile(path: path) },
            syncDirectory: { path throws(POSIXError) in synced.withLock { $0.append(path) } })
        let created = try TradeJournal(url: url, fileSystem: fileSystem)
        created.close()
        #expect(synced.withLock { $0 } == [directory.path])
        let reopened = try TradeJournal(url: url, fileSystem: fileSystem)
        reopened.close()
        #expect(synced.withLock { $0 } == [directory.path])
    }

    @Test(
        "on a real full disk (a 12 KiB tmpfs) the journal ends at its last complete line and recovers",
        .enabled(
            if: TinyTmpfs.canMount,
            "mounting a tmpfs needs root with CAP_SYS_ADMIN on Linux; the half-writing double covers the rest"))
    func fullTmpfs() throws {
        let disk = try #require(TinyTmpfs.mount(kilobytes: 12))
        defer { disk.unmount() }
        let url = disk.directory.appendingPathComponent("trades.jsonl")
        let filler = disk.directory.appendingPathComponent("filler")
        try Data(repeating: 0x2E, count: 4096).write(to: filler)
        let journal = try TradeJournal(url: url)
        var written: [String] = []
        var failure: TradingError?
        for index in 1...200 {
            do {
                try journal.append(try Line.line(.intent, "c-\(index)", at: TimeInterval(index)))
                written.append("c-\(index)")
            } catch let error as TradingError {
                failure = error
                break
            }
        }
        #expect(failure?.code == .journalUnavailable)
        #expect(written.count > 10)
        let bytes = try Data(contentsOf: url)
        #expect(bytes.last == UInt8(ascii: "\n"))

        // Space comes back; the next intent lands on a line of its own.
        try FileManager.default.removeItem(at: filler)
        try journal.append(try Line.line(.intent, "next", at: 1000, notional: 70))
        journal.close()
        let reopened = try TradeJournal(url: url)
        #expect(reopened.damage.isEmpty)
        #expect(reopened.records.map(\.clientOrderID.value) == written + ["next"])
        #expect(
            reopened.spentToday(now: Fixtures.start, timeZone: .utc) == Decimal(50 * written.count + 70))
        reopened.close()
    }
}
