import Foundation
import Testing

@testable import IBKRAdapter

@Suite("SnapshotValue")
struct SnapshotValueTests {
    private static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    @Test(
        "snapshot strings parse to decimals with their marker",
        arguments: [
            ("173.96", "173.96", SnapshotValue.Marker.none),
            ("C150.25", "150.25", .priorClose),
            ("H195.50", "195.50", .halted),
            ("1,300", "1300", .none),
            ("1,234,567.5", "1234567.5", .none),
            ("25.5M", "25500000", .none),
            ("2.4K", "2400", .none),
            ("1.2B", "1200000000", .none),
            ("83916700", "83916700", .none),
            ("-1.25", "-1.25", .none),
            ("+0.5", "0.5", .none),
            ("1.23%", "1.23", .none),
            (" 204.85 ", "204.85", .none),
            ("C1,300.5", "1300.5", .priorClose),
            // Non-ASCII ends (a no-break space, an em space) still trim through the general path.
            ("\u{A0}12.5", "12.5", .none),
            ("C12\u{2003}", "12", .priorClose),
        ])
    func parses(raw: String, expected: String, marker: SnapshotValue.Marker) {
        #expect(SnapshotValue.parse(raw) == SnapshotValue(value: Self.decimal(expected), marker: marker))
    }

    @Test(
        "values without a number are nil, never zero",
        arguments: [
            "", "   ", "C", "H", "N/A", "-", "abc", "12abc", "1.2.3", "1-2", "K", "NaN", "C-", "--1",
            // A combining mark makes `1` another character; Arabic-Indic digits are numbers but not plain text.
            "1\u{301}2", "\u{661}\u{662}", "12\u{301}",
        ])
    func rejects(raw: String) {
        #expect(SnapshotValue.parse(raw) == nil)
    }

    @Test("a missing field is nil; numbers that arrive as JSON numbers are read exactly")
    func anyTypes() {
        #expect(SnapshotValue.parse(nil as String?) == nil)
        #expect(SnapshotValue.parse(any: nil) == nil)
        #expect(SnapshotValue.parse(any: 25_500_000.0) == SnapshotValue(value: 25_500_000))
        #expect(SnapshotValue.parse(any: 0.1) == SnapshotValue(value: Self.decimal("0.1")))
        #expect(SnapshotValue.parse(any: 265598) == SnapshotValue(value: 265598))
        #expect(
            SnapshotValue.parse(any: "C260.99") == SnapshotValue(value: Self.decimal("260.99"), marker: .priorClose))
        #expect(SnapshotValue.parse(any: true) == nil)
    }
}
