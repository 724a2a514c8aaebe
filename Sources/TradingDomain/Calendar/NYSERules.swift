import FoundationEssentials

/// The New York Stock Exchange's holiday and early-close rules (NYSE Rule 7.2 and its published calendars).
///
/// Every rule here is written for the years 2000 onwards; the tests compare it with NYSE's published calendars
/// for 2000–2040. Earlier years follow the same rules, which NYSE did not always use (see ExchangeCalendar).
enum NYSERules {
    /// Full-day holidays of a year, in date order. Every observed date falls inside the year itself: when New
    /// Year's Day is a Saturday NYSE does **not** close on the Friday before (Rule 7.2: the Friday would end an
    /// accounting period), so no holiday of year N+1 ever lands in year N.
    static func holidays(in year: Int) -> [NamedDate] {
        var days: [NamedDate] = []
        func add(_ date: CalendarDate?, _ name: String) {
            if let date { days.append(NamedDate(date: date, name: name)) }
        }
        let newYear = CalendarDate(unchecked: year, 1, 1)
        switch newYear.weekday {
        case .saturday: break  // not observed: the Saturday New Year's Day exception
        case .sunday: add(newYear.adding(days: 1), "New Year's Day (observed)")
        default: add(newYear, "New Year's Day")
        }
        if year >= 1998 {
            add(CalendarDate.nth(3, .monday, ofMonth: 1, year: year), "Martin Luther King Jr. Day")
        }
        add(CalendarDate.nth(3, .monday, ofMonth: 2, year: year), "Washington's Birthday")
        add(easterSunday(year: year).adding(days: -2), "Good Friday")
        add(CalendarDate.last(.monday, ofMonth: 5, year: year), "Memorial Day")
        if year >= 2022 {
            add(
                observed(CalendarDate(unchecked: year, 6, 19)),
                observedName("Juneteenth National Independence Day", year, 6, 19))
        }
        add(observed(CalendarDate(unchecked: year, 7, 4)), observedName("Independence Day", year, 7, 4))
        add(CalendarDate.nth(1, .monday, ofMonth: 9, year: year), "Labor Day")
        add(CalendarDate.nth(4, .thursday, ofMonth: 11, year: year), "Thanksgiving Day")
        add(observed(CalendarDate(unchecked: year, 12, 25)), observedName("Christmas Day", year, 12, 25))
        return days.sorted { $0.date < $1.date }
    }

    /// Regular 13:00 early closes of a year (the ad-hoc ones are data in `NYSESpecialDays`).
    static func earlyCloses(in year: Int) -> [NamedDate] {
        var days: [NamedDate] = []
        let july3 = CalendarDate(unchecked: year, 7, 3)
        switch july3.weekday {
        case .monday, .tuesday, .thursday:
            // July 4 is a Tuesday, Wednesday or Friday: the day before it closes early.
            days.append(NamedDate(date: july3, name: "Day before Independence Day"))
        case .wednesday:
            // July 4 is a Thursday. Until 2012 NYSE closed early on Friday July 5 instead; from 2013 on the
            // Wednesday before closes early and the Friday after is a full day.
            if year >= 2013 {
                days.append(NamedDate(date: july3, name: "Day before Independence Day"))
            } else {
                days.append(NamedDate(date: july3.adding(days: 2), name: "Day after Independence Day"))
            }
        default:
            break  // Friday July 3 is itself the observed holiday; a weekend needs nothing
        }
        let thanksgiving = CalendarDate.nth(4, .thursday, ofMonth: 11, year: year)
        days.append(NamedDate(date: thanksgiving.adding(days: 1), name: "Day after Thanksgiving"))
        let christmasEve = CalendarDate(unchecked: year, 12, 24)
        switch christmasEve.weekday {
        case .monday, .tuesday, .wednesday, .thursday:
            days.append(NamedDate(date: christmasEve, name: "Christmas Eve"))
        default:
            break  // Friday December 24 is the observed Christmas holiday; a weekend needs nothing
        }
        return days.sorted { $0.date < $1.date }
    }

    /// Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
    static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(unchecked: year, month, day)
    }

    /// The weekday a fixed-date holiday is observed on: Saturday moves to Friday, Sunday to Monday.
    static func observed(_ date: CalendarDate) -> CalendarDate {
        switch date.weekday {
        case .saturday: return date.adding(days: -1)
        case .sunday: return date.adding(days: 1)
        default: return date
        }
    }

    /// The holiday's name, marked "(observed)" when it moves off a weekend.
    private static func observedName(_ name: String, _ year: Int, _ month: Int, _ day: Int) -> String {
        CalendarDate(unchecked: year, month, day).isWeekend ? name + " (observed)" : name
    }
}
