import FoundationEssentials

/// Something in the configuration that is allowed but probably not meant (a misspelled key, no daily cap).
public struct ConfigurationWarning: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A key that looks like a Valet setting but is not one (and is ignored).
        case unknownKey = "unknown_key"
        /// The same key appears more than once in `.env`; the last one is used.
        case duplicateKey = "duplicate_key"
        /// The environment and `.env` both set a key to different values; the environment wins.
        case overriddenByEnvironment = "overridden_by_environment"
        /// Two spellings of one key differing only in case; the upper-case one is used.
        case caseVariant = "case_variant"
        /// Live trading is allowed with no MAX_DAILY_VALUE.
        case noDailyCap = "no_daily_cap"
        /// IBKR_TRADING_MODE=live while TRADING_ALLOW_LIVE is false: every order will be refused.
        case liveModeLocked = "live_mode_locked"
        /// IBKR_ACCOUNT_ID is empty, so the logged-in account cannot be checked against it.
        case missingAccountID = "missing_account_id"
        /// A symbol is on both the allow-list and the deny-list (the deny-list wins).
        case symbolOnBothLists = "symbol_on_both_lists"
        /// A setting read for compatibility that changes nothing (MARKET_OPEN_TIME, MARKET_CLOSE_TIME).
        case ignoredSetting = "ignored_setting"
    }

    public let code: Code
    public let key: String
    public let message: String

    public init(code: Code, key: String, message: String) {
        self.code = code
        self.key = key
        self.message = message
    }

    public var description: String { message }
}
