import FoundationEssentials
import TradingDomain

/// Loads `ValetSettings` from the process environment and an optional `.env` file.
///
/// Rules (valet-reference.md §6, with its weak spots fixed):
/// - **The environment wins over `.env`.** A key set in both uses the environment's value, and a warning says so
///   when the two differ, so a stale exported variable cannot silently override the file (or the reverse).
/// - Keys match case-insensitively (`max_order_value` is `MAX_ORDER_VALUE`), as in the reference.
/// - A blank value means the key's default (for `MAX_DAILY_VALUE` and `REAUTH_WEBHOOK_URL`: none); a blank
///   environment variable does not override a value set in `.env`.
/// - In `.env`, a key given twice uses its last line (with a warning).
/// - An unknown key that looks like ours (our prefixes, within two edits of a key, or the tail of one) is warned
///   about with a suggestion; in the environment only keys close to a real one are reported, since the
///   environment holds many variables that are not Valet's.
/// - Any invalid value stops the load with a `ConfigurationError` listing every problem.
public enum ValetConfiguration {
    /// Loads from explicit inputs (pure: no file or environment access).
    /// - Parameters:
    ///   - environment: the process environment (also the source of `HOME` and `XDG_DATA_HOME`).
    ///   - dotEnv: the text of the `.env` file, nil when there is none.
    ///   - workingDirectory: the directory a relative `TRADE_JOURNAL_PATH` is resolved against.
    public static func load(
        environment: [String: String], dotEnv: String?, workingDirectory: String
    ) throws(ConfigurationError) -> LoadedConfiguration {
        var warnings: [ConfigurationWarning] = []
        let fileValues = try dotEnvValues(dotEnv, warnings: &warnings)
        let environmentValues = self.environmentValues(environment, warnings: &warnings)

        var raw: [SettingKey: (value: String, source: SettingSource)] = [:]
        for key in SettingKey.allCases {
            let fromFile = fileValues[key.name]
            // A blank environment variable does not erase a value from .env: an empty leftover `export` must not
            // silently lift a cap the file sets.
            if let fromEnvironment = environmentValues[key.name],
                !fromEnvironment.trimmed().isEmpty || fromFile == nil
            {
                raw[key] = (fromEnvironment, .environment)
                if let fromFile, fromFile.value != fromEnvironment {
                    let shown = { (value: String) in key.isSecret ? "(hidden)" : "\"\(value)\"" }
                    warnings.append(
                        ConfigurationWarning(
                            code: .overriddenByEnvironment, key: key.name,
                            message: "\(key.name) is \(shown(fromEnvironment)) in the environment and "
                                + "\(shown(fromFile.value)) in .env line \(fromFile.line); the environment wins"))
                }
            } else if let fromFile {
                raw[key] = (fromFile.value, .dotEnv(line: fromFile.line))
            }
        }
        var builder = SettingsBuilder(
            raw: raw.mapValues { $0.value.trimmed() }, environment: environment,
            workingDirectory: workingDirectory)
        let settings = builder.build()
        guard builder.problems.isEmpty, let settings else {
            throw ConfigurationError(problems: builder.problems)
        }
        warnings += crossCheckWarnings(settings)
        var sources: [SettingKey: SettingSource] = [:]
        for key in SettingKey.allCases {
            let entry = raw[key]
            let isBlank = entry?.value.trimmed().isEmpty ?? true
            sources[key] = isBlank ? .defaultValue : entry?.source ?? .defaultValue
        }
        return LoadedConfiguration(settings: settings, warnings: warnings, sources: sources)
    }

    /// Reads the real process environment and the `.env` file at `dotEnvPath` (skipped when it does not exist).
    public static func loadFromProcess(dotEnvPath: String = ".env") throws(ConfigurationError) -> LoadedConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let workingDirectory = FileManager.default.currentDirectoryPath
        var text: String?
        if FileManager.default.fileExists(atPath: dotEnvPath) {
            do {
                text = try String(contentsOfFile: dotEnvPath, encoding: .utf8)
            } catch {
                throw ConfigurationError(problems: [
                    ConfigurationProblem(
                        code: .unreadableFile, key: nil,
                        message: "cannot read \(dotEnvPath) (\(TradingError.describe(error))): fix its permissions or "
                            + "encoding (UTF-8), or remove it")
                ])
            }
        }
        return try load(environment: environment, dotEnv: text, workingDirectory: workingDirectory)
    }

    // MARK: - Sources

    /// `.env` values by upper-cased key (the last line wins); warns about repeats and unknown keys.
    private static func dotEnvValues(
        _ text: String?, warnings: inout [ConfigurationWarning]
    ) throws(ConfigurationError) -> [String: (value: String, line: Int)] {
        guard let text else { return [:] }
        let known = Set(SettingKey.allCases.map(\.name))
        var values: [String: (value: String, line: Int)] = [:]
        for entry in try DotEnvParser.parse(text) {
            let upper = entry.key.uppercased()
            if let earlier = values[upper] {
                warnings.append(
                    ConfigurationWarning(
                        code: .duplicateKey, key: upper,
                        message:
                            "\(upper) is set on .env lines \(earlier.line) and \(entry.line); line \(entry.line) is used"
                    ))
            }
            values[upper] = (entry.value, entry.line)
            if !known.contains(upper),
                let message = KeySuggester.warning(for: entry.key, source: ".env line \(entry.line)")
            {
                warnings.append(ConfigurationWarning(code: .unknownKey, key: entry.key, message: message))
            }
        }
        return values
    }

    /// Environment values of known keys by upper-cased name; warns about case variants and near-miss keys.
    private static func environmentValues(
        _ environment: [String: String], warnings: inout [ConfigurationWarning]
    ) -> [String: String] {
        let known = Set(SettingKey.allCases.map(\.name))
        var byUpper: [String: [String]] = [:]
        for name in environment.keys.sorted() {
            let upper = name.uppercased()
            if known.contains(upper) {
                byUpper[upper, default: []].append(name)
            } else if KeySuggester.bestMatch(for: upper) != nil,
                let message = KeySuggester.warning(for: name, source: "environment")
            {
                warnings.append(ConfigurationWarning(code: .unknownKey, key: name, message: message))
            }
        }
        var values: [String: String] = [:]
        for upper in byUpper.keys.sorted() {
            let names = byUpper[upper] ?? []
            let chosen = names.contains(upper) ? upper : names.first ?? upper
            values[upper] = environment[chosen]
            let others = names.filter { $0 != chosen }
            if !others.isEmpty {
                warnings.append(
                    ConfigurationWarning(
                        code: .caseVariant, key: upper,
                        message: "the environment sets \(([chosen] + others).joined(separator: " and ")); "
                            + "\(chosen) is used, remove the others"))
            }
        }
        return values
    }

    // MARK: - Cross checks

    private static func crossCheckWarnings(_ settings: ValetSettings) -> [ConfigurationWarning] {
        var warnings: [ConfigurationWarning] = []
        if settings.allowLive, settings.maxDailyValue == nil {
            warnings.append(
                ConfigurationWarning(
                    code: .noDailyCap, key: SettingKey.maxDailyValue.name,
                    message: "No daily spend cap set (MAX_DAILY_VALUE unset) while live trading is enabled: only the "
                        + "per-order cap (MAX_ORDER_VALUE) applies; set MAX_DAILY_VALUE to bound cumulative daily spend"
                ))
        }
        if settings.tradingMode == .live, !settings.allowLive {
            warnings.append(
                ConfigurationWarning(
                    code: .liveModeLocked, key: SettingKey.allowLive.name,
                    message: "IBKR_TRADING_MODE=live but TRADING_ALLOW_LIVE is false: every order will be refused; "
                        + "set TRADING_ALLOW_LIVE=true only if you mean to trade real money"))
        }
        if settings.accountID.isEmpty {
            warnings.append(
                ConfigurationWarning(
                    code: .missingAccountID, key: SettingKey.accountID.name,
                    message: "IBKR_ACCOUNT_ID is not set: Valet cannot check that the gateway is logged into the "
                        + "account you intend; set it to your account id (e.g. DU1234567)"))
        }
        let standard = ValetSettings(tradeJournalPath: settings.tradeJournalPath)
        for (key, value, usual) in [
            (SettingKey.marketOpenTime, settings.marketOpenTime, standard.marketOpenTime),
            (.marketCloseTime, settings.marketCloseTime, standard.marketCloseTime),
        ] where value != usual {
            warnings.append(
                ConfigurationWarning(
                    code: .ignoredSetting, key: key.name,
                    message: "\(key.name)=\(value) is not used: the trading-hours guard follows NYSE's calendar "
                        + "(09:30–16:00 New York, holidays and early closes included); remove the setting"))
        }
        let both = Set(settings.symbolAllowlist).intersection(settings.symbolDenylist).sorted()
        if !both.isEmpty {
            warnings.append(
                ConfigurationWarning(
                    code: .symbolOnBothLists, key: SettingKey.symbolDenylist.name,
                    message: "\(both.joined(separator: ", ")) on both SYMBOL_ALLOWLIST and SYMBOL_DENYLIST: "
                        + "the deny-list wins, so they never trade"))
        }
        return warnings
    }
}
