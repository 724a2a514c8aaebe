import FoundationEssentials
import SimulationKit

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
    /// NYSE full-day closures, 2025–2027.
    static let holidays: Set<String> = [
        "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19",
        "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-11-26", "2026-12-25",
        "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05",
        "2027-09-06", "2027-11-25", "2027-12-24",
    ]

    /// The New York local day of `date`, as days since 1970-01-01.
    static func dayNumber(of date: Date) -> Int { localDay(date) }

    /// `YYYYMMDD` (optionally followed by a time, which is ignored) as days since 1970-01-01; nil when malformed.
    static func dayNumber(compact text: String) -> Int? {
        let digits = text.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let year = value / 10_000
        let month = value / 100 % 100
        let day = value % 100
        guard (1...12).contains(month), (1...31).contains(day), year >= 1970 else { return nil }
        return days(year: year, month: month, day: day)
    }

    /// Minutes since local midnight in New York.
    func minuteOfDay(_ date: Date) -> Int {
        Self.floorMod(Self.localSeconds(date), 86_400) / 60
    }

    /// `yyyy-MM-dd` of the local day.
    func dayKey(_ date: Date) -> String {
        let (year, month, day) = TraceWriter.civilDate(daysSinceEpoch: Int64(Self.localDay(date)))
        return "\(year)-\(Self.pad(Int(month)))-\(Self.pad(Int(day)))"
    }

    /// Monday to Friday and not a listed holiday.
    func isTradingDay(_ date: Date) -> Bool {
        let weekday = Self.floorMod(Self.localDay(date) + 4, 7)  // 1970-01-01 was a Thursday; 0 is Sunday
        return weekday != 0 && weekday != 6 && !Self.holidays.contains(dayKey(date))
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
        let today = Self.localDay(date)
        for dayOffset in 0..<15 {
            let candidate = Self.instant(localSeconds: (today + dayOffset) * 86_400 + hour * 3600 + minute * 60)
            if candidate > date && (!tradingDaysOnly || isTradingDay(candidate)) { return candidate }
        }
        return date.addingTimeInterval(86400)
    }

    /// IBKR's UTC stamps: `YYMMDDhhmmss` or `YYYYMMDD-hh:mm:ss`.
    static func utcStamp(_ date: Date, format: StampFormat) -> String {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down))
        let (year, month, day) = TraceWriter.civilDate(daysSinceEpoch: Int64(floorDivide(seconds, 86_400)))
        let second = floorMod(seconds, 86_400)
        let body = pad(Int(month)) + pad(Int(day))
        let time = [pad(second / 3600), pad(second / 60 % 60), pad(second % 60)]
        switch format {
        case .compact: return pad(Int(year) % 100) + body + time.joined()
        case .trade: return String(year) + body + "-" + time.joined(separator: ":")
        }
    }

    // MARK: - New York time

    /// Seconds to add to UTC for New York at `utcSeconds`: −4 h from the second Sunday of March (07:00 UTC) to
    /// the first Sunday of November (06:00 UTC), −5 h otherwise (the US rules since 2007).
    static func offset(atUTC utcSeconds: Int) -> Int {
        let year = Int(TraceWriter.civilDate(daysSinceEpoch: Int64(floorDivide(utcSeconds, 86_400))).0)
        let start = sunday(onOrAfter: days(year: year, month: 3, day: 8)) * 86_400 + 7 * 3600
        let end = sunday(onOrAfter: days(year: year, month: 11, day: 1)) * 86_400 + 6 * 3600
        return start <= utcSeconds && utcSeconds < end ? -4 * 3600 : -5 * 3600
    }

    /// Seconds since 1970 on New York's wall clock at `date`.
    static func localSeconds(_ date: Date) -> Int {
        let utc = Int(date.timeIntervalSince1970.rounded(.down))
        return utc + offset(atUTC: utc)
    }

    /// Days since 1970-01-01 of New York's local date at `date`.
    static func localDay(_ date: Date) -> Int {
        floorDivide(localSeconds(date), 86_400)
    }

    /// The first instant New York's wall clock reads `localSeconds`: of a time read twice (the autumn switch) the
    /// first reading; a time that never occurs (02:xx at the spring switch) maps to the switch itself.
    static func instant(localSeconds: Int) -> Date {
        let standard = localSeconds + 5 * 3600
        let daylight = localSeconds + 4 * 3600
        let readings = [daylight, standard].filter { $0 + offset(atUTC: $0) == localSeconds }
        let utc = readings.min() ?? standard - floorMod(localSeconds, 3600)
        return Date(timeIntervalSince1970: Double(utc))
    }

    /// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The first Sunday on or after the day numbered `day`.
    static func sunday(onOrAfter day: Int) -> Int {
        day + floorMod(-(day + 4), 7)
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    static func floorMod(_ value: Int, _ divisor: Int) -> Int {
        value - floorDivide(value, divisor) * divisor
    }

    static func pad(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    enum StampFormat {
        /// `YYMMDDhhmmss` (live orders, order status).
        case compact
        /// `YYYYMMDD-hh:mm:ss` (trades).
        case trade
    }
}
