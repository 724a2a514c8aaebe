import FoundationEssentials
import TradingDomain

/// Every setting Valet runs with, typed and validated (the keys of valet-reference.md §6.1).
///
/// Build it with `ValetConfiguration.load(...)`, which reads the environment and an optional `.env`; `init()`
/// gives the documented defaults with an explicit journal path for tests.
public struct ValetSettings: Hashable, Sendable {
    /// IBKR_API_BASE_URL: the Client Portal Gateway's API root.
    public var apiBaseURL: URL
    /// IBKR_ACCOUNT_ID: the account the gateway must be logged into; empty means "not configured".
    public var accountID: String
    /// IBKR_TRADING_MODE: paper or live, checked against IBKR's `isPaper`.
    public var tradingMode: TradingMode
    /// TRADING_ALLOW_LIVE: the real-money arm; false refuses every order on a live account.
    public var allowLive: Bool
    /// TRADING_DRY_RUN: validate and journal orders without sending them.
    public var dryRun: Bool
    /// TRADING_ALLOW_SHORT: allow sells larger than the held position.
    public var allowShort: Bool
    /// MAX_ORDER_VALUE: the largest notional of one buy, US dollars.
    public var maxOrderValue: Decimal
    /// MAX_DAILY_VALUE: the most bought per market day, US dollars; nil means no daily cap.
    public var maxDailyValue: Decimal?
    /// DUPLICATE_WINDOW_SECONDS: identical orders within this window are refused; 0 turns it off.
    public var duplicateWindowSeconds: TimeInterval
    /// SYMBOL_ALLOWLIST: when not empty, only these symbols trade (upper-cased, sorted, unique).
    public var symbolAllowlist: [String]
    /// SYMBOL_DENYLIST: these symbols never trade (upper-cased, sorted, unique).
    public var symbolDenylist: [String]
    /// TRADE_JOURNAL_PATH: the absolute path of the append-only trade journal.
    public var tradeJournalPath: String
    /// REAUTH_WEBHOOK_URL: where to post an alert when the session needs a login; nil for none.
    public var reauthWebhookURL: URL?
    /// TICKLE_INTERVAL_SECONDS: how often the session keeper calls `/tickle`.
    public var tickleIntervalSeconds: TimeInterval
    /// REQUEST_TIMEOUT_SECONDS: the timeout of one HTTP request to the gateway.
    public var requestTimeoutSeconds: TimeInterval
    /// MARKET_TIMEZONE: the market's zone, also the journal's day boundary for the daily cap.
    public var marketTimeZone: MarketTimeZone
    /// MARKET_OPEN_TIME: the configured open (kept for compatibility; trading hours follow the exchange calendar).
    public var marketOpenTime: LocalTime
    /// MARKET_CLOSE_TIME: the configured close (kept for compatibility; early closes come from the calendar).
    public var marketCloseTime: LocalTime
    /// LOG_LEVEL: stderr verbosity.
    public var logLevel: LogLevel

    /// IBKR_API_BASE_URL's default: the Client Portal Gateway's own address (`bin/run.sh` listens on https 5000).
    public static let defaultAPIBaseURL = "https://localhost:5000/v1/api"

    /// The documented defaults, with the journal at `tradeJournalPath`.
    public init(tradeJournalPath: String) {
        self.apiBaseURL = URL(string: Self.defaultAPIBaseURL) ?? URL(fileURLWithPath: "/")
        self.accountID = ""
        self.tradingMode = .paper
        self.allowLive = false
        self.dryRun = true
        self.allowShort = false
        self.maxOrderValue = 100
        self.maxDailyValue = nil
        self.duplicateWindowSeconds = 5
        self.symbolAllowlist = []
        self.symbolDenylist = []
        self.tradeJournalPath = tradeJournalPath
        self.reauthWebhookURL = nil
        self.tickleIntervalSeconds = 60
        self.requestTimeoutSeconds = 15
        self.marketTimeZone = .newYork
        self.marketOpenTime = LocalTime(hour: 9, minute: 30) ?? ExchangeCalendar.nyse.regularOpen
        self.marketCloseTime = LocalTime(hour: 16, minute: 0) ?? ExchangeCalendar.nyse.regularClose
        self.logLevel = .info
    }
}
