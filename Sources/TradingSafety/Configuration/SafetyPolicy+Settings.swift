import TradingDomain

extension SafetyPolicy {
    /// The policy the settings describe: every limit comes from its environment key (see `ValetSettings`).
    /// A listed symbol that is not a valid ticker fails the whole policy rather than being dropped, since a
    /// dropped deny-list entry would silently allow that symbol.
    public init(settings: ValetSettings, warningAllowList: WarningAllowList = .standard) throws(TradingError) {
        self.init(
            allowLive: settings.allowLive,
            dryRun: settings.dryRun,
            expectedAccount: settings.accountID.isEmpty ? nil : try AccountID(settings.accountID),
            expectPaper: settings.tradingMode == .paper,
            maxOrderValue: settings.maxOrderValue,
            maxDailyValue: settings.maxDailyValue,
            duplicateWindow: settings.duplicateWindowSeconds,
            allowShort: settings.allowShort,
            allowedSymbols: try Self.symbols(settings.symbolAllowlist, key: "SYMBOL_ALLOWLIST"),
            deniedSymbols: try Self.symbols(settings.symbolDenylist, key: "SYMBOL_DENYLIST"),
            warningAllowList: warningAllowList,
            tradingDayTimeZone: settings.marketTimeZone
        )
    }

    private static func symbols(_ names: [String], key: String) throws(TradingError) -> Set<Symbol> {
        var symbols: Set<Symbol> = []
        for name in names {
            do {
                symbols.insert(try Symbol(name))
            } catch {
                throw TradingError.invalid(key, "\"\(name)\" is not a valid symbol: \(error.message)")
            }
        }
        return symbols
    }
}
