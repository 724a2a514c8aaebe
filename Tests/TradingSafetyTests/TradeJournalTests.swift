import Foundation
import Testing
import TradingDomain

@testable import TradingSafety

@Suite("Trade journal")
struct TradeJournalTests {
    static func fingerprint(_ quantity: Decimal = 1, limit: Decimal? = nil) throws -> OrderFingerprint {
        OrderFingerprint(order: try Fixtures.buy(quantity, limit.map { .limit($0) } ?? .market))
    }

    static func line(
        _ kind: JournalRecord.Kind, _ id: String, at offset: TimeInterval = 0, outcome: JournalRecord.Outcome? = nil,
        status: OrderStatus? = nil, notional: Decimal? = 50, order: OrderFingerprint? = nil, filled: Decimal? = nil
    ) throws -> JournalRecord {
        JournalRecord(
            kind: kind, timestamp: Fixtures.start.addingTimeInterval(offset), clientOrderID: try ClientOrderID(id),
            action: .place, order: try order ?? fingerprint(), notional: notional, outcome: outcome, status: status,
            filledQuantity: filled)
    }

    @Test("lines are JSON with sorted keys, decimals as strings and UTC millisecond timestamps")
    func lineFormat() throws {
        let directory = try Fixtures.temporaryDirectory()
        let journal = try Fixtures.journal(in: directory)
        try journal.append(
            try Self.line(
                .intent, "c-1", notional: Decimal(string: "50.10"),
                order: Self.fingerprint(2, limit: Decimal(string: "25.05"))))
        let text = try String(contentsOf: journal.url, encoding: .utf8)
        #expect(
            text == """
                {"action":"place","client_order_id":"c-1","kind":"intent","notional":"50.1","order":{"limit_price":"25.05",\
                "order_type":"LMT","quantity":"2","side":"BUY","symbol":"AAPL"},"timestamp":"2026-11-24T15:00:00.000Z"}

                """)
        let reopened = journal.records
        #expect(reopened.count == 1)
        #expect(reopened.first?.order?.limitPrice == Decimal(string: "25.05"))
    }

    @Test("a torn last line is reported and skipped; the other lines and later appends survive")
    func tornLastLine() throws {
        let directory = try Fixtures.temporaryDirectory()
        let url = directory.appendingPathComponent("trades.jsonl")
        do {
            let journal = try TradeJournal(url: url)
            try journal.append(try Self.line(.intent, "c-1"))
            try journal.append(try Self.line(.outcome, "c-1", outcome: .sent, status: .submitted))
            try journal.append(try Self.line(.intent, "c-2", at: 1))
            journal.close()
        }
        // Crash mid-write: cut the last line in half.
        let data = try Data(contentsOf: url)
        let lastStart = try #require(data.dropLast().lastIndex(of: UInt8(ascii: "\n"))) + 1
        try data.prefix(lastStart + (data.count - lastStart) / 2).write(to: url)

        let reopened = try TradeJournal(url: url)
        #expect(reopened.damage.map(\.kind) == [.tornLastLine])
        #expect(reopened.damage.first?.lineNumber == 3)
        #expect(reopened.records.count == 2)
        #expect(reopened.spentToday(now: Fixtures.start, timeZone: .utc) == 50)
        #expect(reopened.unresolvedGroups().isEmpty)

        // The next line starts on a fresh line, so the fragment cannot corrupt it.
        try reopened.append(try Self.line(.intent, "c-3", at: 2))
        reopened.close()
        let again = try TradeJournal(url: url)
        #expect(again.damage.map(\.kind) == [.unreadableLine])
        #expect(again.records.map(\.clientOrderID.value) == ["c-1", "c-1", "c-3"])
        #expect(again.unresolvedGroups().map(\.clientOrderID.value) == ["c-3"])
    }

    @Test("a corrupt line in the middle is skipped without harming its neighbours")
    func corruptMiddleLine() throws {
        let directory = try Fixtures.temporaryDirectory()
        let url = directory.appendingPathComponent("trades.jsonl")
        let encoder = TradeJournal.encoder()
        let first = try encoder.encode(try Self.line(.intent, "c-1"))
        let second = try encoder.encode(try Self.line(.outcome, "c-1", outcome: .sent, status: .filled))
        var data = first
        data.append(contentsOf: Array("\n{\"kind\": \"nonsense\"\nnot json at all\n".utf8))
        data.append(second)
        data.append(UInt8(ascii: "\n"))
        try data.write(to: url)
        let journal = try TradeJournal(url: url)
        #expect(journal.damage.map(\.lineNumber) == [2, 3])
        #expect(journal.damage.allSatisfy { $0.kind == .unreadableLine })
        #expect(journal.group(try ClientOrderID("c-1"))?.fate == .placed(.filled, filled: nil))
    }

    @Test("one rule for every query: the last line wins (weak spot 10b)")
    func oneFateRule() throws {
        let journal = try Fixtures.journal()
        try journal.append(try Self.line(.intent, "c-1"))
        try journal.append(try Self.line(.outcome, "c-1", outcome: .sent, status: .cancelled))
        #expect(journal.spentToday(now: Fixtures.start, timeZone: .utc) == 0)
        #expect(journal.lastLiveDispatch(of: try Self.fingerprint()) == nil)
        // A later resolution says it filled after all: both spend and duplicates now count it.
        try journal.append(try Self.line(.resolution, "c-1", at: 1, status: .filled, notional: nil, filled: 1))
        #expect(journal.spentToday(now: Fixtures.start, timeZone: .utc) == 50)
        #expect(journal.lastLiveDispatch(of: try Self.fingerprint()) == Fixtures.start)
    }

    @Test(
        "which fates count toward spend and block resends",
        arguments: [
            (JournalFate.blocked, false, false), (.dryRun, false, false), (.notSent, false, false),
            (.rejected, false, false), (.inFlight, true, true), (.unknown, true, true),
            (.placed(.submitted, filled: nil), true, false), (.placed(.inactive, filled: nil), true, false),
            (.placed(.cancelled, filled: 0), false, false), (.placed(.cancelled, filled: 2), true, false),
            (.resolved(.unknown, filled: nil), true, false), (.resolved(.rejected, filled: nil), false, false),
        ] as [(JournalFate, Bool, Bool)])
    func fates(fate: JournalFate, mayBeLive: Bool, unresolved: Bool) {
        #expect(fate.mayBeLive == mayBeLive)
        #expect(fate.isUnresolved == unresolved)
    }

    @Test("spend counts each client order id once, and only today's buys")
    func spendOncePerOrder() throws {
        let journal = try Fixtures.journal()
        try journal.append(try Self.line(.intent, "c-1"))
        try journal.append(try Self.line(.outcome, "c-1", outcome: .sent, status: .submitted))
        try journal.append(try Self.line(.intent, "c-2", at: -86_400))  // yesterday
        try journal.append(try Self.line(.outcome, "c-3", outcome: .dryRun))
        try journal.append(try Self.line(.outcome, "c-4", outcome: .blocked))
        try journal.append(try Self.line(.intent, "c-5", order: OrderFingerprint(order: try Fixtures.sell(1))))
        #expect(journal.spentToday(now: Fixtures.start, timeZone: .utc) == 50)
    }

    @Test("the trading day ends at midnight in the market's time zone")
    func dayBoundary() throws {
        let journal = try Fixtures.journal()
        // 2026-11-25 04:30 UTC is still 2026-11-24 in New York.
        try journal.append(try Self.line(.intent, "c-1", at: 13.5 * 3600))
        let newYork = MarketTimeZone.newYork
        #expect(journal.spentToday(now: Fixtures.start, timeZone: newYork) == 50)
        #expect(journal.spentToday(now: Fixtures.start, timeZone: .utc) == 0)
    }

    @Test("a crash between intent and outcome leaves an unresolved order that still counts")
    func intentWithoutOutcome() throws {
        let journal = try Fixtures.journal()
        try journal.append(try Self.line(.intent, "c-1"))
        #expect(journal.unresolvedGroup(matching: try Self.fingerprint())?.clientOrderID.value == "c-1")
        #expect(journal.unresolvedGroup(matching: try Self.fingerprint(1, limit: 40)) == nil)
        #expect(journal.spentToday(now: Fixtures.start, timeZone: .utc) == 50)
    }

    @Test("a second writer is refused while the first holds the journal")
    func singleWriter() throws {
        let directory = try Fixtures.temporaryDirectory()
        let first = try Fixtures.journal(in: directory)
        #expect(throws: TradingError.self) { try Fixtures.journal(in: directory) }
        first.close()
        _ = try Fixtures.journal(in: directory)
    }

    @Test("a closed journal refuses appends")
    func closedJournal() throws {
        let journal = try Fixtures.journal()
        journal.close()
        do {
            try journal.append(try Self.line(.intent, "c-1"))
            Issue.record("append after close succeeded")
        } catch {
            #expect((error as? TradingError)?.code == .journalUnavailable)
        }
    }

    @Test(
        "journal location",
        arguments: [
            (nil, nil, "/home/ada/.local/share/valet/trades.jsonl"),
            (nil, "/xdg", "/xdg/valet/trades.jsonl"),
            ("/var/log/valet.jsonl", nil, "/var/log/valet.jsonl"),
            ("~/j.jsonl", nil, "/home/ada/j.jsonl"),
            ("paper.jsonl", nil, "/home/ada/.local/share/valet/paper.jsonl"),
            ("  ", "relative/ignored", "/home/ada/.local/share/valet/trades.jsonl"),
        ] as [(String?, String?, String)])
    func location(configured: String?, xdg: String?, expected: String) {
        #if os(Linux)
            let url = JournalLocation.journalURL(
                configuredPath: configured, home: URL(fileURLWithPath: "/home/ada"), xdgDataHome: xdg)
            #expect(url.path == expected)
        #endif
    }
}
