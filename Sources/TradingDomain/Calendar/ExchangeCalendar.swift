import FoundationEssentials

/// An exchange's trading calendar: which local dates have a regular session, when it opens and closes (early
/// closes included), and why the exchange is closed on the other days.
///
/// `ExchangeCalendar.nyse` follows NYSE's published calendars; the tests check every day of 2000–2040
/// (`verifiedYears`). Other years are answered by the same rules and data. Instants are exact on daylight-saving
/// switch days because local times are converted through the exchange's `TimeZone`.
///
/// Queries do integer date arithmetic on per-year tables precomputed for 1990–2100 (other years are computed on
/// demand). `isRegularSession(at:)` does one time-zone look-up and no allocation of formatters or calendars, so
/// the guards can call it on every order (about half a microsecond in a debug build).
public struct ExchangeCalendar: Sendable {
    /// The market identifier code, e.g. `XNYS`.
    public let identifier: String
    /// The exchange's name.
    public let name: String
    /// The exchange's time zone; all local dates and times are in it.
    public let timeZone: MarketTimeZone
    /// When the regular session opens.
    public let regularOpen: LocalTime
    /// When a full regular session closes.
    public let regularClose: LocalTime
    /// When an early-close session closes.
    public let earlyClose: LocalTime
    /// The years checked against the exchange's published calendars.
    public let verifiedYears: ClosedRange<Int>
    /// Closures no rule predicts, in date order.
    public let unscheduledClosures: [NamedDate]

    private let holidayRule: @Sendable (Int) -> [NamedDate]
    private let earlyCloseRule: @Sendable (Int) -> [NamedDate]
    private let adHocEarlyCloses: [NamedDate]
    private let schedules: [Int: YearSchedule]

    /// The New York Stock Exchange (America/New_York, 09:30–16:00, early closes at 13:00).
    public static let nyse = ExchangeCalendar(
        identifier: "XNYS",
        name: "New York Stock Exchange",
        timeZone: .newYork,
        regularOpen: LocalTime(unchecked: 9, 30),
        regularClose: LocalTime(unchecked: 16, 0),
        earlyClose: LocalTime(unchecked: 13, 0),
        verifiedYears: 2000...2040,
        holidayRule: NYSERules.holidays(in:),
        earlyCloseRule: NYSERules.earlyCloses(in:),
        unscheduledClosures: NYSESpecialDays.unscheduledClosures,
        adHocEarlyCloses: NYSESpecialDays.adHocEarlyCloses,
        precomputedYears: 1990...2100
    )

    private init(
        identifier: String, name: String, timeZone: MarketTimeZone, regularOpen: LocalTime, regularClose: LocalTime,
        earlyClose: LocalTime, verifiedYears: ClosedRange<Int>, holidayRule: @escaping @Sendable (Int) -> [NamedDate],
        earlyCloseRule: @escaping @Sendable (Int) -> [NamedDate], unscheduledClosures: [NamedDate],
        adHocEarlyCloses: [NamedDate], precomputedYears: ClosedRange<Int>
    ) {
        self.identifier = identifier
        self.name = name
        self.timeZone = timeZone
        self.regularOpen = regularOpen
        self.regularClose = regularClose
        self.earlyClose = earlyClose
        self.verifiedYears = verifiedYears
        self.holidayRule = holidayRule
        self.earlyCloseRule = earlyCloseRule
        self.unscheduledClosures = unscheduledClosures.sorted { $0.date < $1.date }
        self.adHocEarlyCloses = adHocEarlyCloses.sorted { $0.date < $1.date }
        var schedules: [Int: YearSchedule] = [:]
        for year in precomputedYears {
            schedules[year] = YearSchedule(
                year: year, holidayRule: holidayRule, earlyCloseRule: earlyCloseRule,
                unscheduledClosures: unscheduledClosures, adHocEarlyCloses: adHocEarlyCloses)
        }
        self.schedules = schedules
    }

    // MARK: - Days

    /// Full-day holidays of a year by rule, in date order (unscheduled closures are not holidays).
    public func holidays(in year: Int) -> [NamedDate] {
        holidayRule(year)
    }

    /// Early-close days of a year, by rule and from data, in date order.
    public func earlyCloses(in year: Int) -> [NamedDate] {
        schedule(year: year).earlyCloses.map { NamedDate(date: $0.key, name: $0.value) }.sorted { $0.date < $1.date }
    }

    /// What the exchange does on a local date.
    public func day(on date: CalendarDate) -> CalendarDay {
        if let reason = closureReason(on: date) { return .closed(date, reason) }
        let earlyName = schedule(year: date.year).earlyCloses[date]
        let closeTime = earlyName == nil ? regularClose : earlyClose
        return .open(
            MarketSession(
                date: date, open: instant(of: regularOpen, on: date), close: instant(of: closeTime, on: date),
                isEarlyClose: earlyName != nil, earlyCloseName: earlyName))
    }

    /// The session of a local date, nil when the exchange is closed that day (`closureReason(on:)` says why).
    public func session(on date: CalendarDate) -> MarketSession? {
        day(on: date).session
    }

    /// Why the exchange is closed on a local date, nil on a trading day.
    public func closureReason(on date: CalendarDate) -> ClosureReason? {
        if date.isWeekend { return .weekend }
        return schedule(year: date.year).closures[date]
    }

    /// True when the local date has a regular session.
    public func isTradingDay(_ date: CalendarDate) -> Bool {
        closureReason(on: date) == nil
    }

    /// Every session from `start` to `end`, both included, in date order (empty when `start > end`).
    public func sessions(from start: CalendarDate, to end: CalendarDate) -> [MarketSession] {
        guard start <= end else { return [] }
        var result: [MarketSession] = []
        for number in start.dayNumber...end.dayNumber {
            if let session = session(on: CalendarDate(dayNumber: number)) { result.append(session) }
        }
        return result
    }

    /// The first session on a date strictly after `date`, nil if none within a year.
    public func nextSession(after date: CalendarDate) -> MarketSession? {
        for offset in 1...366 {
            if let session = session(on: date.adding(days: offset)) { return session }
        }
        return nil
    }

    /// The last session on a date strictly before `date`, nil if none within a year.
    public func previousSession(before date: CalendarDate) -> MarketSession? {
        for offset in 1...366 {
            if let session = session(on: date.adding(days: -offset)) { return session }
        }
        return nil
    }

    // MARK: - Instants

    /// True when `instant` is inside a regular session (open inclusive, close exclusive; early closes honoured).
    public func isRegularSession(at instant: Date) -> Bool {
        let (date, secondOfDay) = localDateAndSecond(of: instant)
        guard closureReason(on: date) == nil else { return false }
        let close = schedule(year: date.year).earlyCloses[date] == nil ? regularClose : earlyClose
        // Comparing wall-clock seconds is exact here: NYSE's session never spans a daylight-saving switch (02:00).
        return regularOpen.secondsAfterMidnight <= secondOfDay && secondOfDay < close.secondsAfterMidnight
    }

    /// Open or closed at `instant`, why, and the next open and close.
    public func status(at instant: Date) -> MarketStatus {
        let date = localDate(of: instant)
        switch day(on: date) {
        case .closed(_, let reason):
            let next = nextSession(after: date)
            return MarketStatus(
                instant: instant, date: date, phase: .closedAllDay(reason), session: nil, nextOpen: next?.open,
                nextClose: next?.close)
        case .open(let session):
            if instant < session.open {
                return MarketStatus(
                    instant: instant, date: date, phase: .beforeOpen, session: session, nextOpen: session.open,
                    nextClose: session.close)
            }
            let next = nextSession(after: date)
            if instant < session.close {
                return MarketStatus(
                    instant: instant, date: date, phase: .open, session: session, nextOpen: next?.open,
                    nextClose: session.close)
            }
            return MarketStatus(
                instant: instant, date: date, phase: .afterClose, session: session, nextOpen: next?.open,
                nextClose: next?.close)
        }
    }

    /// The exchange's local date at `instant`.
    public func localDate(of instant: Date) -> CalendarDate {
        localDateAndSecond(of: instant).date
    }

    /// The instant a local wall-clock time happens on a local date.
    public func instant(of time: LocalTime, on date: CalendarDate) -> Date {
        timeZone.instant(localSeconds: date.dayNumber * 86_400 + time.secondsAfterMidnight)
    }

    /// ISO 8601 with the exchange's UTC offset at that instant, whole seconds: `2026-11-27T09:30:00-05:00`.
    public func iso8601(_ instant: Date) -> String {
        // One time-zone lookup serves both the local time and the printed offset.
        let offset = timeZone.secondsFromGMT(for: instant)
        let (date, second) = localDateAndSecond(of: instant, offset: offset)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return "\(date)T" + CalendarDate.pad(second / 3600, 2) + ":" + CalendarDate.pad(second % 3600 / 60, 2) + ":"
            + CalendarDate.pad(second % 60, 2) + sign + CalendarDate.pad(magnitude / 3600, 2) + ":"
            + CalendarDate.pad(magnitude % 3600 / 60, 2)
    }

    // MARK: - Internals

    /// The local date and the whole seconds after local midnight at `instant`.
    private func localDateAndSecond(of instant: Date, offset: Int? = nil) -> (date: CalendarDate, second: Int) {
        let local = MarketTimeZone.wholeSeconds(instant) + (offset ?? timeZone.secondsFromGMT(for: instant))
        let dayNumber = MarketTimeZone.floorDivide(local, 86_400)
        return (CalendarDate(dayNumber: dayNumber), local - dayNumber * 86_400)
    }

    private func schedule(year: Int) -> YearSchedule {
        schedules[year] ?? makeSchedule(year: year)
    }

    private func makeSchedule(year: Int) -> YearSchedule {
        YearSchedule(
            year: year, holidayRule: holidayRule, earlyCloseRule: earlyCloseRule,
            unscheduledClosures: unscheduledClosures, adHocEarlyCloses: adHocEarlyCloses)
    }
}

/// One year's weekday closures and early closes, looked up by date.
private struct YearSchedule: Sendable {
    let closures: [CalendarDate: ClosureReason]
    let earlyCloses: [CalendarDate: String]

    /// Builds the year from the rules and the data; data closures win over rule holidays, and a day that is
    /// closed never also closes early.
    init(
        year: Int, holidayRule: (Int) -> [NamedDate], earlyCloseRule: (Int) -> [NamedDate],
        unscheduledClosures: [NamedDate], adHocEarlyCloses: [NamedDate]
    ) {
        var closures: [CalendarDate: ClosureReason] = [:]
        for holiday in holidayRule(year) {
            closures[holiday.date] = .holiday(holiday.name)
        }
        for closure in unscheduledClosures where closure.date.year == year {
            closures[closure.date] = .unscheduledClosure(closure.name)
        }
        var earlyCloses: [CalendarDate: String] = [:]
        for early in earlyCloseRule(year) + adHocEarlyCloses.filter({ $0.date.year == year })
        where closures[early.date] == nil && !early.date.isWeekend {
            earlyCloses[early.date] = early.name
        }
        self.closures = closures
        self.earlyCloses = earlyCloses
    }
}
