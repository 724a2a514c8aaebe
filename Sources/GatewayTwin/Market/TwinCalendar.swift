import Foundation

/// Which trading hours are open at one instant.
struct MarketPhase: Sendable, Hashable {
    /// 09:30–16:00 on a trading day.
    var regular: Bool
    /// 04:00–20:00 on a trading day.
    var extended: Bool
}

/// The twin's own small exchange calendar: weekdays, a fixed list of NYSE full-day holidays, regular hours
/// 09:30–16:00 and extended hours 04:00–20:00 local time. The twin may not import the domain's calendar.
struct TwinCalendar: Sendable {
    let timeZone: TimeZone
    private let calendar: Calendar

    /// NYSE full-day closures, 2025–2027.
    static let holidays: Set<String> = [
        "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19",
        "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-11-26", "2026-12-25",
        "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05",
        "2027-09-06", "2027-11-25", "2027-12-24",
    ]

    init(timeZoneIdentifier: String) {
        let zone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: -5 * 3600) ?? .current
        timeZone = zone
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        calendar = gregorian
    }

    /// Minutes since local midnight.
    func minuteOfDay(_ date: Date) -> Int {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    /// `yyyy-MM-dd` of the local day.
    func dayKey(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func pad(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        return "\(parts.year ?? 0)-\(pad(parts.month))-\(pad(parts.day))"
    }

    /// Monday to Friday and not a listed holiday.
    func isTradingDay(_ date: Date) -> Bool {
        let weekday = calendar.component(.weekday, from: date)
        return weekday != 1 && weekday != 7 && !Self.holidays.contains(dayKey(date))
    }

    /// Inside 09:30–16:00 on a trading day.
    func isRegularHours(_ date: Date) -> Bool {
        let minute = minuteOfDay(date)
        return isTradingDay(date) && minute >= 570 && minute < 960
    }

    /// Inside 04:00–20:00 on a trading day (where `outsideRTH` orders may fill).
    func isExtendedHours(_ date: Date) -> Bool {
        let minute = minuteOfDay(date)
        return isTradingDay(date) && minute >= 240 && minute < 1200
    }

    /// Whether regular and extended hours are open at `date`.
    func phase(at date: Date) -> MarketPhase {
        let minute = minuteOfDay(date)
        guard isTradingDay(date) else { return MarketPhase(regular: false, extended: false) }
        return MarketPhase(regular: minute >= 570 && minute < 960, extended: minute >= 240 && minute < 1200)
    }

    /// The first local time `hour:minute` strictly after `date`, on any day (or trading days only).
    func next(hour: Int, minute: Int, after date: Date, tradingDaysOnly: Bool) -> Date {
        let start = calendar.startOfDay(for: date)
        for dayOffset in 0..<15 {
            guard let day = calendar.date(byAdding: .day, value: dayOffset, to: start),
                let candidate = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
            else { continue }
            if candidate > date && (!tradingDaysOnly || isTradingDay(candidate)) { return candidate }
        }
        return date.addingTimeInterval(86400)
    }

    /// Local wall-clock fields (for IBKR's `YYMMDDhhmmss`-style strings, which are UTC: pass a UTC calendar).
    static func utcStamp(_ date: Date, format: StampFormat) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        let year = parts.year ?? 0
        let body = pad(parts.month) + pad(parts.day)
        let time = [pad(parts.hour), pad(parts.minute), pad(parts.second)]
        switch format {
        case .compact: return pad(year % 100) + body + time.joined()
        case .trade: return String(year) + body + "-" + time.joined(separator: ":")
        }
    }

    enum StampFormat {
        /// `YYMMDDhhmmss` (live orders, order status).
        case compact
        /// `YYYYMMDD-hh:mm:ss` (trades).
        case trade
    }
}
