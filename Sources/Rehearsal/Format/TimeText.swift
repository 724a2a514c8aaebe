import FoundationEssentials
import SimulationKit
import TradingDomain

/// Reads and writes the scenario format's times: durations such as `90s`, `5m`, `1h30m`, `2d`, and instants either
/// as ISO 8601 with an offset (`2026-01-06T10:00:00-05:00`) or relative to the scenario start (`+30s`). Parsing is
/// hand-written so it never depends on a locale, a time zone database or formatter state.
public enum TimeText {
    /// Seconds in a duration like `90s`, `5m`, `2h`, `1d`, `1h30m` or `250ms`; nil when the text is not one.
    public static func seconds(_ text: String) -> TimeInterval? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        var rest = Substring(text)
        var total: Double = 0
        var sawPart = false
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
            sawPart = true
        }
        return sawPart && total.isFinite ? total : nil
    }

    /// An instant: `+<duration>` after `start`, or ISO 8601 with an explicit offset (`Z` or `±HH:MM`).
    public static func instant(_ text: String, relativeTo start: Date) -> Date? {
        if text.hasPrefix("+") {
            return seconds(String(text.dropFirst())).map { start.addingTimeInterval($0) }
        }
        return iso8601(text)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; an instant without an offset is refused because it would be
    /// ambiguous.
    public static func iso8601(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for byte in chars[from..<(from + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < chars.count ? chars[index] : nil }
        guard let year = number(0, 4), byte(4) == 45, let month = number(5, 2), byte(7) == 45,
            let day = number(8, 2), byte(10) == 84 || byte(10) == 116, let hour = number(11, 2), byte(13) == 58,
            let minute = number(14, 2), byte(16) == 58, let second = number(17, 2)
        else { return nil }
        guard let date = CalendarDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction: Double = 0
        if byte(index) == 46 {
            index += 1
            var scale = 0.1
            let startIndex = index
            while let digit = byte(index), digit >= 48 && digit <= 57 {
                fraction += Double(digit - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > startIndex else { return nil }
        }
        var offset = 0
        switch byte(index) {
        case 90, 122:
            index += 1
        case 43, 45:
            guard let offsetHours = number(index + 1, 2), byte(index + 3) == 58,
                let offsetMinutes = number(index + 4, 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (byte(index) == 45 ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == chars.count else { return nil }
        let seconds = date.dayNumber * 86400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// An instant as `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC: the transcript's format, written by SimulationKit.
    public static func format(_ date: Date) -> String {
        TraceWriter.formatDate(date)
    }

    /// A duration in seconds as compact text (`90s`, `5m`, `1h30m`, `1.5s`).
    public static func duration(_ seconds: TimeInterval) -> String {
        if seconds != seconds.rounded() || seconds < 0 { return "\(seconds)s" }
        var rest = Int(seconds)
        if rest == 0 { return "0s" }
        var text = ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }
}
