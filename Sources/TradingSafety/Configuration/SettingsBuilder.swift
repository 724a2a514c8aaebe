import FoundationEssentials
import TradingDomain

/// Turns merged raw values into `ValetSettings`, collecting every problem instead of stopping at the first.
struct SettingsBuilder {
    /// Trimmed raw values of the keys that were set (blank means default).
    let raw: [SettingKey: String]
    let environment: [String: String]
    let workingDirectory: String
    private(set) var problems: [ConfigurationProblem] = []

    init(raw: [SettingKey: String], environment: [String: String], workingDirectory: String) {
        self.raw = raw
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The settings, or nil when there were problems (then `problems` says which).
    mutating func build() -> ValetSettings? {
        let journal = journalPath()
        var settings = ValetSettings(tradeJournalPath: journal ?? "")
        typealias P = SettingValueParser
        read(.apiBaseURL, P.url) { settings.apiBaseURL = $0 }
        read(.accountID, P.accountID) { settings.accountID = $0 }
        read(.tradingMode, P.mode) { settings.tradingMode = $0 }
        read(.allowLive, P.bool) { settings.allowLive = $0 }
        read(.dryRun, P.bool) { settings.dryRun = $0 }
        read(.allowShort, P.bool) { settings.allowShort = $0 }
        read(.maxOrderValue, P.amount) { settings.maxOrderValue = $0 }
        read(.maxDailyValue, P.amount) { settings.maxDailyValue = $0 }
        let window = { (text: String, key: SettingKey) in P.seconds(text, key, in: 0...86_400) }
        let tickle = { (text: String, key: SettingKey) in P.seconds(text, key, in: 1...300) }
        let timeout = { (text: String, key: SettingKey) in P.seconds(text, key, in: 0...600, excludingLower: true) }
        read(.duplicateWindowSeconds, window) { settings.duplicateWindowSeconds = $0 }
        read(.symbolAllowlist, P.symbols) { settings.symbolAllowlist = $0 }
        read(.symbolDenylist, P.symbols) { settings.symbolDenylist = $0 }
        read(.reauthWebhookURL, P.url) { settings.reauthWebhookURL = $0 }
        read(.tickleIntervalSeconds, tickle) { settings.tickleIntervalSeconds = $0 }
        read(.requestTimeoutSeconds, timeout) { settings.requestTimeoutSeconds = $0 }
        read(.marketTimeZone, P.timeZone) { settings.marketTimeZone = $0 }
        read(.marketOpenTime, P.time) { settings.marketOpenTime = $0 }
        read(.marketCloseTime, P.time) { settings.marketCloseTime = $0 }
        read(.logLevel, P.logLevel) { settings.logLevel = $0 }
        if settings.marketOpenTime >= settings.marketCloseTime, !hasProblem(.marketOpenTime),
            !hasProblem(.marketCloseTime)
        {
            problems.append(
                ConfigurationProblem(
                    code: .conflictingValues, key: SettingKey.marketOpenTime.name,
                    message: "MARKET_OPEN_TIME (\(settings.marketOpenTime)) must be before MARKET_CLOSE_TIME "
                        + "(\(settings.marketCloseTime))"))
        }
        return problems.isEmpty && journal != nil ? settings : nil
    }

    /// Parses one key when it was set to a non-blank value.
    private mutating func read<Value>(
        _ key: SettingKey, _ parse: (String, SettingKey) -> Result<Value, ConfigurationProblem>, apply: (Value) -> Void
    ) {
        guard let text = raw[key], !text.isEmpty else { return }
        switch parse(text, key) {
        case .success(let value): apply(value)
        case .failure(let problem): problems.append(problem)
        }
    }

    private func hasProblem(_ key: SettingKey) -> Bool {
        problems.contains { $0.key == key.name }
    }

    /// TRADE_JOURNAL_PATH resolved to an absolute path, or the XDG default; nil (with a problem) when neither works.
    private mutating func journalPath() -> String? {
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if let text = raw[.tradeJournalPath], !text.isEmpty {
            var path = text
            if path == "~" || path.hasPrefix("~/") {
                guard let home else {
                    problems.append(
                        ConfigurationProblem(
                            code: .missingDataDirectory, key: SettingKey.tradeJournalPath.name,
                            message: "TRADE_JOURNAL_PATH=\"\(text)\" starts with ~ but HOME is not set: "
                                + "use an absolute path"))
                    return nil
                }
                path = home + path.dropFirst()
            } else if !path.hasPrefix("/") {
                path = workingDirectory + "/" + path
            }
            if path.hasSuffix("/") {
                problems.append(
                    SettingValueParser.invalid(.tradeJournalPath, text, why: "a directory, not a file"))
                return nil
            }
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
        // XDG Base Directory: XDG_DATA_HOME must be absolute to count; otherwise ~/.local/share.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data).appendingPathComponent("valet/trades.jsonl").standardizedFileURL.path
        }
        if let home {
            return URL(fileURLWithPath: home).appendingPathComponent(".local/share/valet/trades.jsonl")
                .standardizedFileURL.path
        }
        problems.append(
            ConfigurationProblem(
                code: .missingDataDirectory, key: SettingKey.tradeJournalPath.name,
                message: "no place for the trade journal: neither XDG_DATA_HOME nor HOME is set; "
                    + "set TRADE_JOURNAL_PATH to a file path, e.g. /var/lib/valet/trades.jsonl"))
        return nil
    }
}
