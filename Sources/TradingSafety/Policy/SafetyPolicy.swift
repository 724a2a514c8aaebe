import FoundationEssentials
import TradingDomain

/// Every safety limit, as plain data. The configuration layer maps environment keys onto it (key names in each
/// property's comment); `GuardedBroker` applies it.
public struct SafetyPolicy: Sendable, Hashable {
    /// `TRADING_ALLOW_LIVE`: a live (real-money) account may trade only when true.
    public var allowLive: Bool
    /// `TRADING_DRY_RUN`: validate everything, send nothing. On unless explicitly turned off.
    public var dryRun: Bool
    /// `IBKR_ACCOUNT_ID`: the account orders must go to. Nil (unset or empty) refuses every order.
    public var expectedAccount: AccountID?
    /// `IBKR_TRADING_MODE` (`paper` → true, `live` → false): must agree with the broker's own paper flag.
    public var expectPaper: Bool
    /// `MAX_ORDER_VALUE`: the most one entry may be worth (a buy, a bracket's BUY legs, a short sale), in the
    /// account currency.
    public var maxOrderValue: Decimal
    /// `MAX_DAILY_VALUE`: the most today's dispatched entries (buys, bracket BUY legs, short sales) may be worth
    /// together; nil turns the daily cap off.
    public var maxDailyValue: Decimal?
    /// `DUPLICATE_WINDOW_SECONDS`: an identical order within this many seconds is refused; 0 turns it off.
    public var duplicateWindow: TimeInterval
    /// `TRADING_ALLOW_SHORT`: lets a sell exceed the long position.
    public var allowShort: Bool
    /// `SYMBOL_ALLOWLIST`: when non-empty, only these symbols may trade.
    public var allowedSymbols: Set<Symbol>
    /// `SYMBOL_DENYLIST`: these symbols never trade.
    public var deniedSymbols: Set<Symbol>
    /// The broker confirmation questions that may be auto-confirmed (the adapter's reply loop consults it).
    public var warningAllowList: WarningAllowList
    /// `MARKET_TIMEZONE`: where a trading day starts and ends for the daily cap.
    public var tradingDayTimeZone: MarketTimeZone

    public init(
        allowLive: Bool = false,
        dryRun: Bool = true,
        expectedAccount: AccountID?,
        expectPaper: Bool = true,
        maxOrderValue: Decimal = 100,
        maxDailyValue: Decimal? = nil,
        duplicateWindow: TimeInterval = 5,
        allowShort: Bool = false,
        allowedSymbols: Set<Symbol> = [],
        deniedSymbols: Set<Symbol> = [],
        warningAllowList: WarningAllowList = .standard,
        tradingDayTimeZone: MarketTimeZone = .newYork
    ) {
        self.allowLive = allowLive
        self.dryRun = dryRun
        self.expectedAccount = expectedAccount
        self.expectPaper = expectPaper
        self.maxOrderValue = maxOrderValue
        self.maxDailyValue = maxDailyValue
        self.duplicateWindow = duplicateWindow
        self.allowShort = allowShort
        self.allowedSymbols = allowedSymbols
        self.deniedSymbols = deniedSymbols
        self.warningAllowList = warningAllowList
        self.tradingDayTimeZone = tradingDayTimeZone
    }
}
