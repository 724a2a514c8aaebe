import FoundationEssentials

/// The outcome of a successful load: the settings, what to warn about at start-up, and where each value came from.
public struct LoadedConfiguration: Hashable, Sendable {
    public let settings: ValetSettings
    /// Warnings to print to stderr at start-up, in a stable order.
    public let warnings: [ConfigurationWarning]
    /// The source of every key's value.
    public let sources: [SettingKey: SettingSource]

    public init(settings: ValetSettings, warnings: [ConfigurationWarning], sources: [SettingKey: SettingSource]) {
        self.settings = settings
        self.warnings = warnings
        self.sources = sources
    }
}

extension LoadedConfiguration {
    /// One `KEY=value (source)` line per setting, sorted by key, secrets hidden: what Valet runs with, for a
    /// start-up banner on stderr.
    public var summaryLines: [String] {
        SettingKey.allCases.sorted().map { key in
            "\(key.name)=\(settings.displayValue(of: key)) (\(sources[key] ?? .defaultValue))"
        }
    }
}
