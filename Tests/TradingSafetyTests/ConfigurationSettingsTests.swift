import Foundation
import Testing
import TradingDomain

@testable import TradingSafety

/// Each key's parsing, defaults and errors.
@Suite("Configuration settings")
struct ConfigurationSettingsTests {
    static let home = ["HOME": "/home/ada"]

    static func load(_ environment: [String: String], dotEnv: String? = nil) throws(ConfigurationError)
        -> LoadedConfiguration
    {
        try ValetConfiguration.load(
            environment: home.merging(environment) { $1 }, dotEnv: dotEnv, workingDirectory: "/srv/valet")
    }

    /// The field a key sets, as text, so one table can cover every type.
    static func field(_ key: SettingKey, _ s: ValetSettings) -> String {
        switch key {
        case .apiBaseURL: return s.apiBaseURL.absoluteString
        case .accountID: return s.accountID
        case .tradingMode: return s.tradingMode.rawValue
        case .allowLive: return "\(s.allowLive)"
        case .dryRun: return "\(s.dryRun)"
        case .allowShort: return "\(s.allowShort)"
        case .maxOrderValue: return "\(s.maxOrderValue)"
        case .maxDailyValue: return s.maxDailyValue.map { "\($0)" } ?? "nil"
        case .duplicateWindowSeconds: return "\(s.duplicateWindowSeconds)"
        case .symbolAllowlist: return s.symbolAllowlist.joined(separator: "|")
        case .symbolDenylist: return s.symbolDenylist.joined(separator: "|")
        case .tradeJournalPath: return s.tradeJournalPath
        case .reauthWebhookURL: return s.reauthWebhookURL?.absoluteString ?? "nil"
        case .tickleIntervalSeconds: return "\(s.tickleIntervalSeconds)"
        case .requestTimeoutSeconds: return "\(s.requestTimeoutSeconds)"
        case .marketTimeZone: return s.marketTimeZone.identifier
        case .marketOpenTime: return "\(s.marketOpenTime)"
        case .marketCloseTime: return "\(s.marketCloseTime)"
        case .logLevel: return s.logLevel.rawValue
        }
    }

    /// Every key's default when nothing is set.
    static let defaultRows: [(SettingKey, String)] = [
        (.apiBaseURL, "https://localhost:5000/v1/api"), (.accountID, ""), (.tradingMode, "paper"),
        (.allowLive, "false"), (.dryRun, "true"), (.allowShort, "false"), (.maxOrderValue, "100"),
        (.maxDailyValue, "nil"), (.duplicateWindowSeconds, "5.0"), (.symbolAllowlist, ""), (.symbolDenylist, ""),
        (.tradeJournalPath, "/home/ada/.local/share/valet/trades.jsonl"), (.reauthWebhookURL, "nil"),
        (.tickleIntervalSeconds, "60.0"), (.requestTimeoutSeconds, "15.0"), (.marketTimeZone, "America/New_York"),
        (.marketOpenTime, "09:30"), (.marketCloseTime, "16:00"), (.logLevel, "info"),
    ]

    @Test("defaults", arguments: defaultRows)
    func defaults(key: SettingKey, expected: String) throws {
        let loaded = try Self.load([:])
        #expect(Self.field(key, loaded.settings) == expected)
        #expect(loaded.sources[key] == .defaultValue)
    }

    @Test("the default table covers every key")
    func everyKeyHasADefaultRow() {
        #expect(Set(Self.defaultRows.map(\.0)) == Set(SettingKey.allCases))
    }

    /// (key, raw value, the field afterwards).
    static let validRows: [(SettingKey, String, String)] = [
        (.apiBaseURL, "http://127.0.0.1:5001/v1/api", "http://127.0.0.1:5001/v1/api"),
        (.accountID, "DU1234567", "DU1234567"),
        (.tradingMode, "LIVE", "live"),
        (.tradingMode, "Paper", "paper"),
        (.allowLive, "true", "true"), (.allowLive, "TRUE", "true"), (.allowLive, "1", "true"),
        (.allowLive, "yes", "true"), (.allowLive, "On", "true"),
        (.dryRun, "false", "false"), (.dryRun, "0", "false"), (.dryRun, "No", "false"), (.dryRun, "off", "false"),
        (.allowShort, "yes", "true"),
        (.maxOrderValue, "250.50", "250.5"), (.maxOrderValue, "0", "0"), (.maxOrderValue, "  75  ", "75"),
        (.maxOrderValue, "", "100"),
        (.maxDailyValue, "1000", "1000"), (.maxDailyValue, "", "nil"),
        (.duplicateWindowSeconds, "0", "0.0"), (.duplicateWindowSeconds, "2.5", "2.5"),
        (.symbolAllowlist, " aapl, MSFT ,,brk.b,AAPL", "AAPL|BRK.B|MSFT"),
        (.symbolDenylist, "gme", "GME"),
        (.tradeJournalPath, "/var/lib/valet/journal.jsonl", "/var/lib/valet/journal.jsonl"),
        (.tradeJournalPath, "~/trades.jsonl", "/home/ada/trades.jsonl"),
        (.tradeJournalPath, "logs/trades.jsonl", "/srv/valet/logs/trades.jsonl"),
        (.tradeJournalPath, "../shared/./t.jsonl", "/srv/shared/t.jsonl"),
        (.reauthWebhookURL, "https://hooks.example.com/services/T0", "https://hooks.example.com/services/T0"),
        (.reauthWebhookURL, "", "nil"),
        (.tickleIntervalSeconds, "30", "30.0"), (.tickleIntervalSeconds, "300", "300.0"),
        (.requestTimeoutSeconds, "0.5", "0.5"),
        (.marketTimeZone, "UTC", "UTC"), (.marketTimeZone, "US/Eastern", "America/New_York"),
        (.marketOpenTime, "9:30", "09:30"), (.marketCloseTime, "13:00", "13:00"),
        (.logLevel, "DEBUG", "debug"), (.logLevel, "warn", "warning"), (.logLevel, "Error", "error"),
    ]

    @Test("each key parses its accepted forms", arguments: validRows)
    func valid(key: SettingKey, raw: String, expected: String) throws {
        let loaded = try Self.load([key.name: raw])
        #expect(Self.field(key, loaded.settings) == expected)
    }

    /// (key, raw value, fragments the message must contain).
    static let invalidRows: [(SettingKey, String, [String])] = [
        (.maxOrderValue, "-5", ["MAX_ORDER_VALUE=\"-5\"", "negative", "an amount in US dollars, 0 or more"]),
        (.maxOrderValue, "abc", ["MAX_ORDER_VALUE=\"abc\"", "not a number"]),
        (.maxOrderValue, "$100", ["not a number"]),
        (.maxOrderValue, "1e3", ["not a number"]),
        (.maxOrderValue, "1,000", ["not a number"]),
        (.maxOrderValue, ".5", ["not a number"]),
        (.maxDailyValue, "-1", ["MAX_DAILY_VALUE", "negative"]),
        (.tradingMode, "demo", ["IBKR_TRADING_MODE=\"demo\"", "paper or live"]),
        (.allowLive, "maybe", ["TRADING_ALLOW_LIVE=\"maybe\"", "true or false"]),
        (.dryRun, "2", ["TRADING_DRY_RUN=\"2\"", "true or false"]),
        (.allowShort, "y", ["TRADING_ALLOW_SHORT"]),
        (.apiBaseURL, "localhost:5000", ["IBKR_API_BASE_URL", "http or https URL"]),
        (.apiBaseURL, "ftp://host/x", ["http or https URL"]),
        (.apiBaseURL, "https://", ["http or https URL"]),
        (.accountID, "DU123/../x", ["IBKR_ACCOUNT_ID", "letters and digits"]),
        (.duplicateWindowSeconds, "-1", ["DUPLICATE_WINDOW_SECONDS", "negative"]),
        (.duplicateWindowSeconds, "five", ["not a number of seconds"]),
        (.duplicateWindowSeconds, "nan", ["not a number of seconds"]),
        (.tickleIntervalSeconds, "0", ["TICKLE_INTERVAL_SECONDS", "out of range", "1 to 300"]),
        (.tickleIntervalSeconds, "600", ["out of range"]),
        (.requestTimeoutSeconds, "0", ["REQUEST_TIMEOUT_SECONDS", "out of range"]),
        (.requestTimeoutSeconds, "inf", ["not a number of seconds"]),
        (.symbolAllowlist, "AAPL,MS;FT", ["SYMBOL_ALLOWLIST", "\"MS;FT\" is not a ticker symbol"]),
        // Longer than any ticker `Symbol` accepts: refused when the settings load, not later when orders are built.
        (.symbolDenylist, "GME,ABCDEFGHIJKLM", ["SYMBOL_DENYLIST", "\"ABCDEFGHIJKLM\"", "at most 12 characters"]),
        (.marketTimeZone, "Mars/Olympus", ["MARKET_TIMEZONE", "not a zone Valet keeps the trading day in"]),
        (.marketTimeZone, "Europe/London", ["America/New_York", "UTC"]),
        (.marketOpenTime, "25:00", ["MARKET_OPEN_TIME=\"25:00\"", "HH:MM"]),
        (.marketOpenTime, "9.30", ["HH:MM"]),
        (.marketCloseTime, "16:0", ["MARKET_CLOSE_TIME"]),
        (.logLevel, "verbose", ["LOG_LEVEL=\"verbose\"", "debug, info, warning, error or critical"]),
        (.tradeJournalPath, "/var/lib/valet/", ["TRADE_JOURNAL_PATH", "a directory"]),
    ]

    @Test("each invalid value stops the load naming the key, the value and what is allowed", arguments: invalidRows)
    func invalid(key: SettingKey, raw: String, fragments: [String]) {
        do {
            _ = try Self.load([key.name: raw])
            Issue.record("expected \(key.name)=\(raw) to be refused")
        } catch {
            #expect(error.problems.count == 1)
            let problem = error.problems.first
            #expect(problem?.key == key.name)
            for fragment in fragments {
                #expect(problem?.message.contains(fragment) == true, "\(problem?.message ?? "")")
            }
            #expect(error.description.hasPrefix("Valet cannot start"))
        }
    }

    @Test("every problem is reported at once, and a webhook URL is never echoed")
    func allProblemsAtOnce() {
        do {
            _ = try Self.load([
                "MAX_ORDER_VALUE": "-1", "IBKR_TRADING_MODE": "demo", "REAUTH_WEBHOOK_URL": "token-abc123",
            ])
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.key) == ["IBKR_TRADING_MODE", "MAX_ORDER_VALUE", "REAUTH_WEBHOOK_URL"])
            #expect(!error.description.contains("token-abc123"))
            #expect(error.description.contains("REAUTH_WEBHOOK_URL=(value hidden)"))
        }
    }

    @Test("open must be before close")
    func openBeforeClose() {
        do {
            _ = try Self.load(["MARKET_OPEN_TIME": "16:00", "MARKET_CLOSE_TIME": "09:30"])
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.code) == [.conflictingValues])
            #expect(error.problems.first?.message.contains("MARKET_OPEN_TIME (16:00) must be before") == true)
        }
    }

    /// (environment, expected journal path or nil for an error).
    static let journalRows: [([String: String], String?)] = [
        (["HOME": "/home/ada"], "/home/ada/.local/share/valet/trades.jsonl"),
        (["HOME": "/home/ada", "XDG_DATA_HOME": "/data"], "/data/valet/trades.jsonl"),
        (["HOME": "/home/ada", "XDG_DATA_HOME": "relative/ignored"], "/home/ada/.local/share/valet/trades.jsonl"),
        (["XDG_DATA_HOME": "/data"], "/data/valet/trades.jsonl"),
        (["TRADE_JOURNAL_PATH": "/j.jsonl"], "/j.jsonl"),
        ([:], nil),
        (["TRADE_JOURNAL_PATH": "~/j.jsonl"], nil),
    ]

    @Test("the journal path: override, XDG_DATA_HOME, HOME, or a clear error", arguments: journalRows)
    func journal(environment: [String: String], expected: String?) {
        do {
            let loaded = try ValetConfiguration.load(environment: environment, dotEnv: nil, workingDirectory: "/w")
            #expect(loaded.settings.tradeJournalPath == expected)
        } catch {
            #expect(expected == nil, "\(error)")
            #expect(error.problems.first?.code == .missingDataDirectory)
            #expect(error.problems.first?.key == "TRADE_JOURNAL_PATH")
        }
    }
}

/// The start-up summary.
@Suite("Configuration summary")
struct ConfigurationSummaryTests {
    @Test("one line per key, sorted, with sources, and the webhook hidden")
    func summary() throws {
        let loaded = try ValetConfiguration.load(
            environment: [
                "HOME": "/h", "MAX_ORDER_VALUE": "250", "REAUTH_WEBHOOK_URL": "https://hooks.example.com/s3cret",
            ],
            dotEnv: "# c\nSYMBOL_DENYLIST=gme,amc\nDUPLICATE_WINDOW_SECONDS=2.5", workingDirectory: "/w")
        let lines = loaded.summaryLines
        #expect(lines.count == SettingKey.allCases.count)
        #expect(lines == lines.sorted())
        #expect(lines.contains("MAX_ORDER_VALUE=250 (environment)"))
        #expect(lines.contains("SYMBOL_DENYLIST=AMC,GME (.env line 2)"))
        #expect(lines.contains("DUPLICATE_WINDOW_SECONDS=2.5s (.env line 3)"))
        #expect(lines.contains("TICKLE_INTERVAL_SECONDS=60s (default)"))
        #expect(lines.contains("MAX_DAILY_VALUE=(no daily cap) (default)"))
        #expect(lines.contains("REAUTH_WEBHOOK_URL=(set) (environment)"))
        #expect(!lines.joined().contains("s3cret"))
    }
}
