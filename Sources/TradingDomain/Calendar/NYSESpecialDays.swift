import FoundationEssentials

/// NYSE's closures and early closes since 2000 that no rule predicts, kept as data.
///
/// Sources: NYSE's own notices and its published "holidays and trading hours" history. Minute-level delays
/// (the 09:31–09:33 openings after moments of silence in 2001–2006, the 12:00 opening on 2002-09-11 and the
/// 15:56 close of 2005-06-01) are not modelled: the calendar's answers on those days are the regular hours.
enum NYSESpecialDays {
    /// Whole-day closures decided at short notice.
    static let unscheduledClosures: [NamedDate] = [
        named(2001, 9, 11, "September 11 attacks"),
        named(2001, 9, 12, "September 11 attacks"),
        named(2001, 9, 13, "September 11 attacks"),
        named(2001, 9, 14, "September 11 attacks"),
        named(2004, 6, 11, "National Day of Mourning for President Ronald Reagan"),
        named(2007, 1, 2, "National Day of Mourning for President Gerald Ford"),
        named(2012, 10, 29, "Hurricane Sandy"),
        named(2012, 10, 30, "Hurricane Sandy"),
        named(2018, 12, 5, "National Day of Mourning for President George H. W. Bush"),
        named(2025, 1, 9, "National Day of Mourning for President Jimmy Carter"),
    ]

    /// 13:00 early closes outside the regular rules.
    static let adHocEarlyCloses: [NamedDate] = [
        named(2003, 12, 26, "Day after Christmas")
    ]

    private static func named(_ year: Int, _ month: Int, _ day: Int, _ name: String) -> NamedDate {
        NamedDate(date: CalendarDate(unchecked: year, month, day), name: name)
    }
}
