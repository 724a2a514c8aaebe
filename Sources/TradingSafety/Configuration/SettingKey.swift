import FoundationEssentials

/// Every environment key Valet reads (valet-reference.md §6.1, names kept), with what it accepts.
public enum SettingKey: String, Hashable, Sendable, CaseIterable, Comparable {
    case apiBaseURL = "IBKR_API_BASE_URL"
    case accountID = "IBKR_ACCOUNT_ID"
    case tradingMode = "IBKR_TRADING_MODE"
    case allowLive = "TRADING_ALLOW_LIVE"
    case dryRun = "TRADING_DRY_RUN"
    case allowShort = "TRADING_ALLOW_SHORT"
    case maxOrderValue = "MAX_ORDER_VALUE"
    case maxDailyValue = "MAX_DAILY_VALUE"
    case duplicateWindowSeconds = "DUPLICATE_WINDOW_SECONDS"
    case symbolAllowlist = "SYMBOL_ALLOWLIST"
    case symbolDenylist = "SYMBOL_DENYLIST"
    case tradeJournalPath = "TRADE_JOURNAL_PATH"
    case reauthWebhookURL = "REAUTH_WEBHOOK_URL"
    case tickleIntervalSeconds = "TICKLE_INTERVAL_SECONDS"
    case requestTimeoutSeconds = "REQUEST_TIMEOUT_SECONDS"
    case marketTimeZone = "MARKET_TIMEZONE"
    case marketOpenTime = "MARKET_OPEN_TIME"
    case marketCloseTime = "MARKET_CLOSE_TIME"
    case logLevel = "LOG_LEVEL"

    /// The environment variable's name.
    public var name: String { rawValue }

    /// What the key accepts, in words, for error messages.
    public var allowed: String {
        switch self {
        case .apiBaseURL: return "an http or https URL with a host, e.g. https://localhost:5000/v1/api"
        case .accountID: return "an IBKR account id made of letters and digits, e.g. DU1234567 (or empty)"
        case .tradingMode: return "paper or live"
        case .allowLive, .dryRun, .allowShort: return "true or false (also 1/0, yes/no, on/off)"
        case .maxOrderValue: return "an amount in US dollars, 0 or more, e.g. 100 or 250.50"
        case .maxDailyValue: return "an amount in US dollars, 0 or more, e.g. 1000 (or empty for no daily cap)"
        case .duplicateWindowSeconds: return "a number of seconds, 0 or more (0 turns the check off), e.g. 5"
        case .symbolAllowlist, .symbolDenylist:
            return "a comma-separated list of ticker symbols (letters, digits, '.', '-', '/', ' '), e.g. AAPL,MSFT"
        case .tradeJournalPath:
            return
                "a file path (absolute, ~/…, or relative to the data directory: $XDG_DATA_HOME/valet or ~/.local/share/valet)"
        case .reauthWebhookURL: return "an http or https URL with a host (or empty for no alert)"
        case .tickleIntervalSeconds:
            return "a number of seconds from 1 to 300 (IBKR drops an idle session after about 5 minutes)"
        case .requestTimeoutSeconds: return "a number of seconds greater than 0 and at most 600, e.g. 15"
        case .marketTimeZone:
            return "America/New_York (the default, NYSE's clock) or UTC; the rules are built in, no tz database is read"
        case .marketOpenTime, .marketCloseTime: return "a time of day as HH:MM (24-hour), e.g. 09:30"
        case .logLevel: return "debug, info, warning, error or critical"
        }
    }

    /// Values that must not be echoed in messages (webhook URLs often carry a token).
    public var isSecret: Bool { self == .reauthWebhookURL }

    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
