import FoundationEssentials

extension ValetSettings {
    /// A setting's value as text for people (start-up banner, `valet healthcheck`); secrets show only whether they
    /// are set.
    public func displayValue(of key: SettingKey) -> String {
        switch key {
        case .apiBaseURL: return apiBaseURL.absoluteString
        case .accountID: return accountID.isEmpty ? "(not set)" : accountID
        case .tradingMode: return tradingMode.rawValue
        case .allowLive: return String(allowLive)
        case .dryRun: return String(dryRun)
        case .allowShort: return String(allowShort)
        case .maxOrderValue: return maxOrderValue.description
        case .maxDailyValue: return maxDailyValue?.description ?? "(no daily cap)"
        case .duplicateWindowSeconds: return Self.seconds(duplicateWindowSeconds)
        case .symbolAllowlist: return symbolAllowlist.isEmpty ? "(any symbol)" : symbolAllowlist.joined(separator: ",")
        case .symbolDenylist: return symbolDenylist.isEmpty ? "(none)" : symbolDenylist.joined(separator: ",")
        case .tradeJournalPath: return tradeJournalPath
        case .reauthWebhookURL: return reauthWebhookURL == nil ? "(not set)" : "(set)"
        case .tickleIntervalSeconds: return Self.seconds(tickleIntervalSeconds)
        case .requestTimeoutSeconds: return Self.seconds(requestTimeoutSeconds)
        case .marketTimeZone: return marketTimeZone.identifier
        case .marketOpenTime: return marketOpenTime.description
        case .marketCloseTime: return marketCloseTime.description
        case .logLevel: return logLevel.rawValue
        }
    }

    /// Whole seconds without a fraction ("5s"), others as written ("2.5s").
    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))s" : "\(value)s"
    }
}
