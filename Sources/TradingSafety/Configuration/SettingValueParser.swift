import FoundationEssentials
import TradingDomain

/// Strict parsers for setting values. Each returns the typed value or a problem that names the key, the bad value
/// (unless secret) and what the key accepts.
enum SettingValueParser {
    typealias Outcome<Value> = Result<Value, ConfigurationProblem>

    static func bool(_ text: String, _ key: SettingKey) -> Outcome<Bool> {
        switch text.lowercased() {
        case "true", "1", "yes", "on": return .success(true)
        case "false", "0", "no", "off": return .success(false)
        default: return .failure(invalid(key, text))
        }
    }

    /// A non-negative amount: digits with an optional fraction ("100", "250.50", ".5" is refused: write 0.5).
    static func amount(_ text: String, _ key: SettingKey) -> Outcome<Decimal> {
        if text.hasPrefix("-") {
            return .failure(invalid(key, text, why: "a negative amount makes no sense as a cap"))
        }
        guard isPlainDecimal(text), let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            return .failure(invalid(key, text, why: "not a number"))
        }
        return .success(value)
    }

    /// A number of seconds in `range`.
    static func seconds(_ text: String, _ key: SettingKey, in range: ClosedRange<Double>, excludingLower: Bool = false)
        -> Outcome<TimeInterval>
    {
        if text.hasPrefix("-") { return .failure(invalid(key, text, why: "a negative duration")) }
        guard isPlainDecimal(text), let value = Double(text), value.isFinite else {
            return .failure(invalid(key, text, why: "not a number of seconds"))
        }
        guard range.contains(value), !(excludingLower && value == range.lowerBound) else {
            return .failure(invalid(key, text, why: "out of range"))
        }
        return .success(value)
    }

    /// An http(s) URL with a host.
    static func url(_ text: String, _ key: SettingKey) -> Outcome<URL> {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty, let url = components.url
        else {
            return .failure(invalid(key, text, why: "not an http or https URL with a host"))
        }
        return .success(url)
    }

    static func accountID(_ text: String, _ key: SettingKey) -> Outcome<String> {
        // The id goes into URL paths (/iserver/account/{id}/orders): only letters and digits may pass.
        guard text.count <= 32, text.unicodeScalars.allSatisfy({ isASCIIAlphanumeric($0) }) else {
            return .failure(invalid(key, text, why: "only letters and digits can appear in an account id"))
        }
        return .success(text)
    }

    static func mode(_ text: String, _ key: SettingKey) -> Outcome<TradingMode> {
        guard let mode = TradingMode(rawValue: text.lowercased()) else { return .failure(invalid(key, text)) }
        return .success(mode)
    }

    static func logLevel(_ text: String, _ key: SettingKey) -> Outcome<LogLevel> {
        let lowered = text.lowercased()
        guard let level = LogLevel(rawValue: lowered == "warn" ? "warning" : lowered) else {
            return .failure(invalid(key, text))
        }
        return .success(level)
    }

    /// Comma-separated symbols, each held to `Symbol`'s rules (so a list that loads is a list orders can use);
    /// empty items are dropped; result normalised, sorted and unique.
    static func symbols(_ text: String, _ key: SettingKey) -> Outcome<[String]> {
        var symbols = Set<String>()
        for item in text.split(separator: ",") where !item.allSatisfy(\.isWhitespace) {
            do {
                symbols.insert(try Symbol(String(item)).value)
            } catch {
                let shown = item.trimmed().uppercased()
                return .failure(invalid(key, text, why: "\"\(shown)\" is not a ticker symbol (\(error.message))"))
            }
        }
        return .success(symbols.sorted())
    }

    static func timeZone(_ text: String, _ key: SettingKey) -> Outcome<MarketTimeZone> {
        guard let zone = MarketTimeZone(identifier: text) else {
            return .failure(invalid(key, text, why: "not a zone Valet keeps the trading day in"))
        }
        return .success(zone)
    }

    /// `HH:MM`, 24-hour, with a two-digit minute (`9:30` and `09:30` both read as 09:30).
    static func time(_ text: String, _ key: SettingKey) -> Outcome<LocalTime> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), let time = LocalTime(hour: hour, minute: minute)
        else {
            return .failure(invalid(key, text))
        }
        return .success(time)
    }

    /// The problem for a value the key does not accept.
    static func invalid(_ key: SettingKey, _ value: String, why: String? = nil) -> ConfigurationProblem {
        let shown = key.isSecret ? "(value hidden)" : "\"\(value)\""
        let reason = why.map { " (\($0))" } ?? ""
        return ConfigurationProblem(
            code: .invalidValue, key: key.name,
            message: "\(key.name)=\(shown) is not allowed\(reason): use \(key.allowed)")
    }

    /// Digits with at most one '.', digits on both sides: what people type for amounts and seconds.
    private static func isPlainDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), text.count <= 30 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
