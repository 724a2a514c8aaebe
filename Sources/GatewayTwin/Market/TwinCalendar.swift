import FoundationEssentials
import SimulationKit

/// Which trading hours are open at one instant.
public struct MarketPhase: Sendable, Hashable {
    /// The regular session of a trading day.
    public var regular: Bool
    /// 04:00 to the extended close on a trading day.
    public var extended: Bool

    public init(regular: Bool, extended: Bool) {
        self.regular = regular
        self.extended = extended
    }
}

/// The twin's own exchange calendar: weekdays minus NYSE's full-day closures, regular hours 09:30–16:00 (13:00 on
/// early-close days) and extended hours 04:00–20:00 (17:00 on early-close days), New York time, over the horizon
/// of `TwinCalendarData`. Beyond the horizon no session opens: the twin refuses to guess. It may not import the
/// domain's calendar; `TwinCalendarAgreementTests` checks that both agree on every day of the horizon.
public struct TwinCalendar: Sendable {
    public init() {}

    /// The first and last covered local day, as days since 1970-01-01.
    static let horizonDays: ClosedRange<Int> = {
        let first = dayNumber(iso: TwinCalendarData.firstDay) ?? 0
        let last = dayNumber(iso: TwinCalendarData.lastDay) ?? 0
        return first...last
    }()

    /// The covered local days as `YYYY-MM-DD` (first, last).
    public static var horizon: (first: String, last: String) { (TwinCalendarData.firstDay, TwinCalendarData.lastDay) }

    /// True when `date`'s New York day lies inside the horizon.
    public static func covers(_ date: Date) -> Bool { horizonDays.contains(localDay(date)) }

    /// One day's regular session in minutes after local midnight, nil when the exchange is closed (weekend,
    /// holiday, or beyond the horizon).
    public static func regularSession(dayNumber day: Int) -> (open: Int, close: Int)? {
        guard horizonDays.contains(day) else { return nil }
        let weekday = floorMod(day + 4, 7)  // 1970-01-01 was a Thursday; 0 is Sunday
        guard weekday != 0 && weekday != 6 else { return nil }
        let key = isoKey(day)
        guard !TwinCalendarData.holidays.contains(key) else { return nil }
        return (570, TwinCalendarData.earlyCloses.contains(key) ? 780 : 960)
    }

    /// The regular session of the local day numbered `day` as instants, nil when closed.
    public static func regularSessionInstants(dayNumber day: Int) -> (open: Date, close: Date)? {
        regularSession(dayNumber: day).map {
            (instant(localSeconds: day * 86_400 + $0.open * 60), instant(localSeconds: day * 86_400 + $0.close * 60))
        }
    }

    /// The covered days, as days since 1970-01-01.
    public static var horizonDayNumbers: ClosedRange<Int> { horizonDays }

    /// The extended-hours close (minutes) of a trading day: 20:00, or 17:00 after an early close.
    static func extendedClose(dayNumber day: Int) -> Int? {
        regularSession(dayNumber: day).map { $0.close == 960 ? 1200 : 1020 }
    }

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

    /// `YYYY-MM-DD` as days since 1970-01-01.
    static func dayNumber(iso text: String) -> Int? {
        dayNumber(compact: text.replacing("-", with: ""))
    }

    /// Days since 1970-01-01 as `YYYY-MM-DD`.
    static func isoKey(_ day: Int) -> String {
        let (year, month, dayOfMonth) = TraceWriter.civilDate(daysSinceEpoch: Int64(day))
        return "\(year)-\(pad(Int(month)))-\(pad(Int(dayOfMonth)))"
    }

    /// Minutes since local midnight in New York.
    func minuteOfDay(_ date: Date) -> Int {
        Self.floorMod(Self.localSeconds(date), 86_400) / 60
    }

    /// `yyyy-MM-dd` of the local day.
    func dayKey(_ date: Date) -> String {
        Self.isoKey(Self.localDay(date))
    }

    /// A weekday inside the horizon that is not a full-day closure.
    func isTradingDay(_ date: Date) -> Bool {
        Self.regularSession(dayNumber: Self.localDay(date)) != nil
    }

    /// Inside the regular session of a trading day.
    func isRegularHours(_ date: Date) -> Bool { phase(at: date).regular }

    /// Inside 04:00 to the extended close on a trading day (where `outsideRTH` orders may fill).
    func isExtendedHours(_ date: Date) -> Bool { phase(at: date).extended }

    /// Whether regular and extended hours are open at `date`.
    public func phase(at date: Date) -> MarketPhase {
        let day = Self.localDay(date)
        guard let session = Self.regularSession(dayNumber: day), let extendedClose = Self.extendedClose(dayNumber: day)
        else { return MarketPhase(regular: false, extended: false) }
        let minute = minuteOfDay(date)
        return MarketPhase(
            regular: minute >= session.open && minute < session.close, extended: minute >= 240 && minute < extendedClose
        )
    }

    /// The first local time `hour:minute` strictly after `date`, on any day (or trading days only). Beyond the
    /// horizon there are no trading days: the answer is then a day later, where nothing happens.
    func next(hour: Int, minute: Int, after date: Date, tradingDaysOnly: Bool) -> Date {
        next(after: date, tradingDaysOnly: tradingDaysOnly) { _ in hour * 60 + minute }
    }

    /// The next regular close (16:00, or 13:00 on early-close days) strictly after `date`.
    func nextRegularClose(after date: Date) -> Date {
        next(after: date, tradingDaysOnly: true) { Self.regularSession(dayNumber: $0)?.close ?? 960 }
    }

    /// The next extended-hours close strictly after `date`.
    func nextExtendedClose(after date: Date) -> Date {
        next(after: date, tradingDaysOnly: true) { Self.extendedClose(dayNumber: $0) ?? 1200 }
    }

    private func next(after date: Date, tradingDaysOnly: Bool, minuteOn: (Int) -> Int) -> Date {
        let today = Self.localDay(date)
        for dayOffset in 0..<15 {
            let day = today + dayOffset
            if tradingDaysOnly && Self.regularSession(dayNumber: day) == nil { continue }
            let candidate = Self.instant(localSeconds: day * 86_400 + minuteOn(day) * 60)
            if candidate > date { return candidate }
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
