import Foundation
import Testing

@testable import TradingSafety

/// Environment over `.env`, case-insensitive keys, and the start-up warnings.
@Suite("Configuration merge and warnings")
struct ConfigurationMergeTests {
    static func load(_ environment: [String: String], dotEnv: String? = nil) throws(ConfigurationError)
        -> LoadedConfiguration
    {
        try ValetConfiguration.load(
            environment: ["HOME": "/home/ada", "IBKR_ACCOUNT_ID": "DU1"].merging(environment) { $1 }, dotEnv: dotEnv,
            workingDirectory: "/w")
    }

    @Test("the environment wins over .env, and the override is reported")
    func environmentWins() throws {
        let loaded = try Self.load(["MAX_ORDER_VALUE": "500"], dotEnv: "MAX_ORDER_VALUE=100\nMAX_DAILY_VALUE=900")
        #expect(loaded.settings.maxOrderValue == 500)
        #expect(loaded.settings.maxDailyValue == 900)
        #expect(loaded.sources[.maxOrderValue] == .environment)
        #expect(loaded.sources[.maxDailyValue] == .dotEnv(line: 2))
        #expect(loaded.warnings.map(\.code) == [.overriddenByEnvironment])
        #expect(
            loaded.warnings.first?.message
                == "MAX_ORDER_VALUE is \"500\" in the environment and \"100\" in .env line 1; the environment wins")
    }

    @Test("a blank environment variable does not erase a cap set in .env")
    func blankEnvironmentKeepsFileValue() throws {
        let loaded = try Self.load(["MAX_DAILY_VALUE": ""], dotEnv: "MAX_DAILY_VALUE=900")
        #expect(loaded.settings.maxDailyValue == 900)
        #expect(loaded.sources[.maxDailyValue] == .dotEnv(line: 1))
        #expect(loaded.warnings.isEmpty)
        let onlyBlank = try Self.load(["MAX_DAILY_VALUE": " "])
        #expect(onlyBlank.settings.maxDailyValue == nil)
        #expect(onlyBlank.sources[.maxDailyValue] == .defaultValue)
    }

    @Test("an equal value in both places is not worth a warning")
    func sameValueNoWarning() throws {
        let loaded = try Self.load(["MAX_ORDER_VALUE": "100"], dotEnv: "MAX_ORDER_VALUE=100")
        #expect(loaded.warnings.isEmpty)
    }

    @Test("keys match case-insensitively; a duplicate .env key uses its last line")
    func caseAndDuplicates() throws {
        let loaded = try Self.load([:], dotEnv: "max_order_value=10\nMAX_ORDER_VALUE=20")
        #expect(loaded.settings.maxOrderValue == 20)
        #expect(loaded.warnings.map(\.code) == [.duplicateKey])
        #expect(loaded.warnings.first?.message == "MAX_ORDER_VALUE is set on .env lines 1 and 2; line 2 is used")
    }

    @Test("environment case variants: the upper-case spelling wins")
    func environmentCaseVariants() throws {
        let loaded = try Self.load(["max_order_value": "10", "MAX_ORDER_VALUE": "20"])
        #expect(loaded.settings.maxOrderValue == 20)
        #expect(loaded.warnings.map(\.code) == [.caseVariant])
        let lowerOnly = try Self.load(["trading_dry_run": "false"])
        #expect(lowerOnly.settings.dryRun == false)
    }

    /// (environment, .env text, expected warning code, exact message or fragment).
    static let warningRows: [([String: String], String?, ConfigurationWarning.Code, String)] = [
        (
            [:], "MAX_ORDER_VALU=5", .unknownKey,
            "MAX_ORDER_VALU (.env line 1) is not a setting; did you mean MAX_ORDER_VALUE? It is ignored."
        ),
        ([:], "TRADING_ALOW_LIVE=true", .unknownKey, "did you mean TRADING_ALLOW_LIVE?"),
        ([:], "DRY_RUN=false", .unknownKey, "DRY_RUN (.env line 1) is not a setting; did you mean TRADING_DRY_RUN?"),
        (
            [:], "# c\nSYMBOL_BLOCKLIST=GME", .unknownKey,
            "SYMBOL_BLOCKLIST (.env line 2) is not a setting and is ignored"
        ),
        ([:], "IBKR_PORT=5000", .unknownKey, "IBKR_PORT (.env line 1) is not a setting and is ignored"),
        (
            ["MAX_DAILY_VALU": "5"], nil, .unknownKey,
            "MAX_DAILY_VALU (environment) is not a setting; did you mean MAX_DAILY_VALUE? It is ignored."
        ),
        (["TRADING_ALLOW_LIVE": "true"], nil, .noDailyCap, "No daily spend cap set (MAX_DAILY_VALUE unset)"),
        (["IBKR_TRADING_MODE": "live"], nil, .liveModeLocked, "every order will be refused"),
        (["IBKR_ACCOUNT_ID": ""], nil, .missingAccountID, "IBKR_ACCOUNT_ID is not set"),
        (
            ["SYMBOL_ALLOWLIST": "AAPL,GME", "SYMBOL_DENYLIST": "gme"], nil, .symbolOnBothLists,
            "GME on both SYMBOL_ALLOWLIST and SYMBOL_DENYLIST"
        ),
        ([:], "MARKET_CLOSE_TIME=13:00", .ignoredSetting, "MARKET_CLOSE_TIME=13:00 is not used"),
        (["MARKET_OPEN_TIME": "10:00"], nil, .ignoredSetting, "follows NYSE's calendar"),
    ]

    @Test("each warning", arguments: warningRows)
    func warning(environment: [String: String], dotEnv: String?, code: ConfigurationWarning.Code, text: String)
        throws
    {
        let loaded = try Self.load(environment, dotEnv: dotEnv)
        #expect(loaded.warnings.count == 1, "\(loaded.warnings)")
        #expect(loaded.warnings.first?.code == code)
        #expect(loaded.warnings.first?.message.contains(text) == true, "\(loaded.warnings)")
    }

    @Test("unrelated environment variables are not warned about", arguments: ["PATH", "MAX_JOBS", "TERM", "LANG"])
    func unrelatedEnvironment(name: String) throws {
        let loaded = try Self.load([name: "x"])
        #expect(loaded.warnings.isEmpty)
    }

    @Test("a .env syntax error stops the load, naming the line")
    func syntaxErrorStops() {
        do {
            _ = try Self.load([:], dotEnv: "MAX_ORDER_VALUE=5\nthis is wrong")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.code) == [.malformedLine])
            #expect(error.problems.first?.message.hasPrefix(".env line 2:") == true)
        }
    }

    @Test("an invalid value in .env is refused like one in the environment")
    func invalidInDotEnv() {
        #expect(throws: ConfigurationError.self) { try Self.load([:], dotEnv: "MAX_ORDER_VALUE=lots") }
    }

    @Test(
        "suggestions: edit distance and suffixes",
        arguments: [
            ("MAX_ORDER_VALU", SettingKey.maxOrderValue as SettingKey?), ("MAXORDER_VALUE", .maxOrderValue),
            ("IBKR_ACCOUNT", nil), ("ALLOW_SHORT", .allowShort), ("LOG_LEVL", .logLevel), ("HOME", nil), ("RUN", nil),
        ])
    func suggestions(key: String, expected: SettingKey?) {
        #expect(KeySuggester.bestMatch(for: key) == expected)
    }

    @Test("edit distance")
    func editDistance() {
        #expect(KeySuggester.editDistance("kitten", "sitting", limit: 5) == 3)
        #expect(KeySuggester.editDistance("", "abc", limit: 5) == 3)
        #expect(KeySuggester.editDistance("abc", "abc", limit: 2) == 0)
        #expect(KeySuggester.editDistance("abcdefgh", "zzzzzzzz", limit: 2) == 3)
    }
}
