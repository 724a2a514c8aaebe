import FoundationEssentials

/// Strict decimal text: an optional minus, digits, an optional fraction. `Decimal(string:)` alone accepts
/// prefixes such as `"12abc"`, which would let a typo in a price pass silently.
public enum DecimalText {
    public static func parse(_ text: String) -> Decimal? {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        return Decimal(string: text)
    }

    /// A decimal as plain text (`190.1`, `-3`), independent of locale.
    public static func format(_ value: Decimal) -> String {
        value.description
    }
}
