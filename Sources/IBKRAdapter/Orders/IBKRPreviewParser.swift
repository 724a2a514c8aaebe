import FoundationEssentials
import TradingDomain

/// Reads IBKR's whatif answer, whose values are formatted text (`"1,977.60 USD (10 Shares)"`, `"~ 51,001.39
/// USD"`), into a domain `Preview`.
enum IBKRPreviewParser {
    static func preview(_ wire: CPAPIWhatIf, symbol: Symbol, side: OrderSide) -> Preview {
        var warnings = (wire.warns ?? []).compactMap(\.value).map(clean)
        if warnings.isEmpty, let warn = wire.warn?.value, !warn.isEmpty { warnings = [clean(warn)] }
        func dataValue(_ name: String) -> Decimal? {
            wire.data?.first { $0.N == name }?.V?.first?.value.flatMap(money)
        }
        return Preview(
            symbol: symbol, side: side, commission: wire.amount?.commission?.value.flatMap(money),
            amount: (wire.amount?.total?.value ?? wire.amount?.amount?.value).flatMap(money),
            marginChange: wire.initial?.change?.value.flatMap(money),
            equityChange: wire.equity?.change?.value.flatMap(money),
            availableFundsBefore: dataValue("CURRENT_FUNDS"), availableFundsAfter: dataValue("AFTER_FUNDS"),
            warnings: warnings)
    }

    /// The first signed number in `text`, thousands separators removed; nil for `NA` or no number.
    static func money(_ text: String) -> Decimal? {
        var digits = ""
        var started = false
        for character in text {
            if character.isNumber || (character == "." && started) || (character == "," && started)
                || (character == "-" && !started)
            {
                if character != "," { digits.append(character) }
                if character.isNumber { started = true }
            } else if started {
                break
            } else {
                digits = ""
            }
        }
        guard started else { return nil }
        return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Drops a leading `21/` code and HTML tags, decodes `&nbsp;`/`&amp;`, and collapses whitespace.
    static func clean(_ text: String) -> String {
        var body = text
        if let slash = body.firstIndex(of: "/"), body[..<slash].allSatisfy(\.isNumber), slash != body.startIndex {
            body = String(body[body.index(after: slash)...])
        }
        var output = ""
        var inTag = false
        for character in body {
            if character == "<" {
                inTag = true
                output.append(" ")
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                output.append(character)
            }
        }
        output = output.replacing("&nbsp;", with: " ").replacing("&amp;", with: "&")
        return output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
