import FoundationEssentials

/// Journal numbers are written as strings (`"150.25"`) so no reader ever turns money into a float.
extension KeyedEncodingContainer {
    mutating func encodeDecimal(_ value: Decimal?, forKey key: Key) throws {
        guard let value else { return }
        try encode("\(value)", forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeDecimal(forKey key: Key) throws -> Decimal? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value.isFinite else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "not a decimal number: \(text)")
        }
        return value
    }
}

/// Journal timestamps: ISO-8601 in UTC with milliseconds, e.g. `2026-11-26T14:30:00.000Z`.
enum JournalTime {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func text(_ date: Date) -> String { style.format(date) }

    static func date(_ text: String) throws -> Date { try style.parse(text) }
}
