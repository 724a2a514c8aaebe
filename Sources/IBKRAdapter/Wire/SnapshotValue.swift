import FoundationEssentials

/// One market-data snapshot field as IBKR sends it (`"C173.96"`, `"1,300"`, `"25.5M"`), parsed to a `Decimal`.
///
/// Rules (cpapi.md §5.1):
/// - A leading `C` means the value is the previous close (no trade today), `H` that trading is halted; the
///   letter is stripped and reported in `marker`.
/// - Thousands separators (`,`) are removed; a trailing `%` is dropped.
/// - A trailing `K`, `M` or `B` (volume `87`) multiplies by 10³, 10⁶ or 10⁹ — these values are rounded by
///   IBKR, so prefer `7762` or `87_raw` when precision matters.
/// - Empty, missing, `N/A`, `-` or anything else that is not a number gives nil: "no value yet", never 0.
public struct SnapshotValue: Sendable, Equatable {
    /// What a letter in front of the number said.
    public enum Marker: String, Sendable, Equatable {
        /// No prefix: a current value.
        case none
        /// `C`: the previous day's close, because nothing traded today (or the data is delayed and closed).
        case priorClose
        /// `H`: trading in the instrument is halted.
        case halted
    }

    public var value: Decimal
    public var marker: Marker

    public init(value: Decimal, marker: Marker = .none) {
        self.value = value
        self.marker = marker
    }

    /// Parses a raw field value; nil when it carries no number.
    public static func parse(_ raw: String?) -> SnapshotValue? {
        guard var text = raw.map(Self.trimmed), !text.isEmpty else { return nil }
        var marker = Marker.none
        switch text.first {
        case "C":
            marker = .priorClose
            text.removeFirst()
        case "H":
            marker = .halted
            text.removeFirst()
        default:
            break
        }
        text.removeAll { $0 == "," }
        if text.hasSuffix("%") { text.removeLast() }
        var multiplier: Decimal = 1
        switch text.last {
        case "K", "k":
            multiplier = 1_000
            text.removeLast()
        case "M", "m":
            multiplier = 1_000_000
            text.removeLast()
        case "B", "b":
            multiplier = 1_000_000_000
            text.removeLast()
        default:
            break
        }
        text = Self.trimmed(text)
        // Only plain decimal text: Decimal(string:) would otherwise accept a numeric prefix ("12abc" → 12).
        // Checked on the UTF-8 bytes: every character is one of `0123456789.+-` exactly when every byte is (none of
        // them combines with another), and then a digit character is a digit byte.
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.allSatisfy(Self.isPlainNumberByte),
            bytes.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            bytes.count(where: { $0 == UInt8(ascii: ".") }) <= 1,
            let number = Decimal(string: text, locale: Self.posix), !number.isNaN
        else { return nil }
        let signs = bytes.count { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        guard signs <= 1, signs == 0 || bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") else {
            return nil
        }
        return SnapshotValue(value: number * multiplier, marker: marker)
    }

    /// Plain decimal text's locale: built once, not per field (replay parses thousands of fields).
    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func isPlainNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// `text.trimmed()`, skipped when the text starts and ends with a printable ASCII character (then nothing is
    /// whitespace at either end, and a character ending in such a byte is that byte alone): the common case, and
    /// `Character.isWhitespace` is slow.
    private static func trimmed(_ text: String) -> String {
        let printable = UInt8(0x21)...UInt8(0x7E)
        guard let first = text.utf8.first, let last = text.utf8.last, printable.contains(first),
            printable.contains(last)
        else { return text.trimmed() }
        return text
    }

    /// Reads a field from a decoded snapshot row, whatever JSON type it came as (string or number).
    public static func parse(any raw: Any?) -> SnapshotValue? {
        switch raw {
        case let text as String:
            return parse(text)
        case let number as Double:
            return WireDecimal.decimal(fromWire: number).map { SnapshotValue(value: $0) }
        case let number as Int:
            return SnapshotValue(value: Decimal(number))
        default:
            return nil
        }
    }
}
