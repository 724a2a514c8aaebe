import FoundationEssentials

/// Decides whether an unknown key looks like a misspelled Valet setting, and which one it probably meant.
enum KeySuggester {
    /// Prefixes of Valet's keys: an unknown key starting with one is almost certainly a typo of ours.
    static let prefixes = [
        "IBKR_", "TRADING_", "MAX_", "SYMBOL_", "DUPLICATE_", "MARKET_", "REAUTH_", "TRADE_", "TICKLE_", "REQUEST_",
        "VALET_",
    ]

    /// Keys the process reads besides the settings (never warned about).
    static let otherKnownKeys: Set<String> = ["XDG_DATA_HOME", "HOME"]

    /// nil when the key does not look like ours; otherwise the warning message.
    static func warning(for key: String, source: String) -> String? {
        let upper = key.uppercased()
        if otherKnownKeys.contains(upper) { return nil }
        let suggestion = bestMatch(for: upper)
        let looksLikeOurs = prefixes.contains { upper.hasPrefix($0) } || suggestion != nil
        guard looksLikeOurs else { return nil }
        if let suggestion {
            return "\(key) (\(source)) is not a setting; did you mean \(suggestion.name)? It is ignored."
        }
        return "\(key) (\(source)) is not a setting and is ignored; the settings are "
            + SettingKey.allCases.map(\.name).sorted().joined(separator: ", ")
    }

    /// The known key within edit distance 2, or whose name ends with `_` + the unknown key (DRY_RUN →
    /// TRADING_DRY_RUN); nil when none is close.
    static func bestMatch(for upper: String) -> SettingKey? {
        var best: (key: SettingKey, distance: Int)?
        for key in SettingKey.allCases.sorted() {
            let distance = editDistance(upper, key.name, limit: 2)
            if distance <= 2, distance < (best?.distance ?? Int.max) { best = (key, distance) }
        }
        if let best { return best.key }
        if upper.count >= 4, upper.contains("_") {
            return SettingKey.allCases.sorted().first { $0.name.hasSuffix("_" + upper) }
        }
        return nil
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ lhs: String, _ rhs: String, limit: Int) -> Int {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
