import FoundationEssentials
import TradingDomain

/// The horizontal axis of a chart in New York time: round tick instants with their labels, the zone's name, and
/// the stretches when NYSE's regular session is closed (nights, weekends, holidays), from the same calendar the
/// trading-hours guard uses.
struct ChartTimeAxis {
    let start: Date
    let end: Date
    let calendar: ExchangeCalendar

    /// A tick and its label; `day` is set on the first tick of each New York day when the axis spans several.
    struct Tick {
        var at: Date
        var label: String
        var day: String?
    }

    /// - Parameters: a span shorter than a minute is widened to one, so a run at a single instant still has an axis.
    init(start: Date, end: Date, calendar: ExchangeCalendar = .nyse) {
        self.start = start
        self.end = max(end, start.addingTimeInterval(60))
        self.calendar = calendar
    }

    var span: TimeInterval { end.timeIntervalSince(start) }

    /// Round intervals, in seconds, from which the tick spacing is picked.
    static let intervals: [Int] = [
        1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172_800, 604_800,
    ]

    /// At most about eight ticks, at round New York times (a tick every 15 minutes falls on :00, :15, …).
    var ticks: [Tick] {
        let interval = Self.intervals.first { span / Double($0) <= 8 } ?? 604_800
        let zone = calendar.timeZone
        let localStart = Int(start.timeIntervalSince1970.rounded(.up)) + zone.secondsFromGMT(for: start)
        var local = (localStart + interval - 1) / interval * interval
        let multiDay = calendar.localDate(of: start) != calendar.localDate(of: end)
        var ticks: [Tick] = []
        var lastDay: CalendarDate?
        while ticks.count < 40 {
            let at = zone.instant(localSeconds: local)
            if at > end { break }
            let stamp = calendar.iso8601(at)  // 2026-01-06T10:30:00-05:00
            let date = calendar.localDate(of: at)
            let clock = interval < 60 ? String(stamp.dropFirst(11).prefix(8)) : String(stamp.dropFirst(11).prefix(5))
            var tick = Tick(at: at, label: interval >= 86400 ? Self.dayText(date) : clock)
            if multiDay && interval < 86400 && date != lastDay { tick.day = Self.dayText(date) }
            lastDay = date
            ticks.append(tick)
            local += interval
        }
        return ticks
    }

    /// `New York time (EST, UTC−05:00)`; both names when the span crosses a daylight-saving switch.
    var zoneText: String {
        let names = [start, end].map { calendar.timeZone.secondsFromGMT(for: $0) == -4 * 3600 ? "EDT" : "EST" }
        let offsets = names.map { $0 == "EDT" ? "UTC−04:00" : "UTC−05:00" }
        if names[0] == names[1] { return "New York time (\(names[0]), \(offsets[0]))" }
        return "New York time (\(names[0]) then \(names[1]))"
    }

    /// `2026-01-06 10:00 → 11:30` in New York time.
    var rangeText: String {
        func text(_ instant: Date) -> String {
            let stamp = calendar.iso8601(instant)
            return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(5))
        }
        return "\(text(start)) → \(text(end))"
    }

    /// A part of the span when NYSE's regular session is closed, with why when a whole day is.
    struct ClosedStretch: Equatable {
        var interval: DateInterval
        /// `market closed`, or with why: `(weekend)`, `(holiday: Thanksgiving Day)`, `(early close)`.
        var label: String
    }

    /// The parts of the span outside NYSE's regular session, in order; touching parts are joined.
    var closedStretches: [ClosedStretch] {
        var stretches: [ClosedStretch] = []
        func add(_ from: Date, _ to: Date, why: String? = nil) {
            let lower = max(from, start)
            let upper = min(to, end)
            guard lower < upper else { return }
            let label = why.map { "market closed (\($0))" }
            if let last = stretches.last, last.interval.end >= lower {
                stretches[stretches.count - 1].interval = DateInterval(
                    start: last.interval.start, end: max(last.interval.end, upper))
                if let label, last.label == "market closed" { stretches[stretches.count - 1].label = label }
            } else {
                stretches.append(
                    ClosedStretch(interval: DateInterval(start: lower, end: upper), label: label ?? "market closed"))
            }
        }
        var day = calendar.localDate(of: start)
        let lastDay = calendar.localDate(of: end)
        while day <= lastDay {
            let midnight = calendar.timeZone.midnight(of: day)
            let next = calendar.timeZone.midnight(of: day.adding(days: 1))
            if let session = calendar.session(on: day) {
                add(midnight, session.open)
                add(session.close, next, why: session.isEarlyClose ? "early close" : nil)
            } else {
                add(midnight, next, why: calendar.closureReason(on: day)?.description)
            }
            day = day.adding(days: 1)
        }
        return stretches
    }

    /// `Tue Jan 6`.
    static func dayText(_ date: CalendarDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let weekday = weekdays[date.weekday.rawValue]
        return "\(weekday) \(months[max(0, min(11, date.month - 1))]) \(date.day)"
    }
}
