import FoundationEssentials

/// Where the journal lives when no path is configured, and how a configured path is read.
public enum JournalLocation {
    /// The journal's file name inside Valet's data directory.
    public static let fileName = "trades.jsonl"

    /// Valet's data directory: `$XDG_DATA_HOME/valet` (Linux convention), else `~/.local/share/valet` on Linux
    /// and `~/Library/Application Support/Valet` on macOS.
    public static func dataDirectory(home: URL, xdgDataHome: String?) -> URL {
        if let xdg = xdgDataHome?.trimmed(), !xdg.isEmpty, xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("valet", isDirectory: true)
        }
        #if os(macOS)
            return home.appendingPathComponent("Library/Application Support/Valet", isDirectory: true)
        #else
            return home.appendingPathComponent(".local/share/valet", isDirectory: true)
        #endif
    }

    /// The journal file: `TRADE_JOURNAL_PATH` when set (`~` expands to `home`; a relative path is taken inside
    /// the data directory, never the working directory, which an MCP client chooses), else the default file in
    /// the data directory.
    public static func journalURL(configuredPath: String?, home: URL, xdgDataHome: String?) -> URL {
        let directory = dataDirectory(home: home, xdgDataHome: xdgDataHome)
        guard let raw = configuredPath?.trimmed(), !raw.isEmpty else {
            return directory.appendingPathComponent(fileName)
        }
        if raw == "~" { return home }
        if raw.hasPrefix("~/") { return home.appendingPathComponent(String(raw.dropFirst(2))) }
        if raw.hasPrefix("/") { return URL(fileURLWithPath: raw) }
        return directory.appendingPathComponent(raw)
    }
}
