import Foundation
import GatewayTwin
import Testing
import TradingDomain

/// The twin keeps its own calendar data (it may not import the domain). Both must agree on every day the twin
/// serves, or the twin would fill orders the guards call closed (2026-11-27 after 13:00 did).
@Suite("Twin calendar agrees with the exchange calendar")
struct TwinCalendarAgreementTests {
    @Test("every day of the twin's horizon: same trading days, same open and close (early closes included)")
    func dayByDay() {
        let nyse = ExchangeCalendar.nyse
        var mismatches: [String] = []
        var earlyCloses = 0
        for day in TwinCalendar.horizonDayNumbers {
            let date = CalendarDate(dayNumber: day)
            let domain = nyse.session(on: date)
            let twin = TwinCalendar.regularSessionInstants(dayNumber: day)
            if domain?.open != twin?.open || domain?.close != twin?.close {
                mismatches.append("\(date): domain \(String(describing: domain)) twin \(String(describing: twin))")
            }
            if domain?.isEarlyClose == true { earlyCloses += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(earlyCloses > 20)
        #expect(TwinCalendar.horizonDayNumbers.count > 12 * 365)
    }

    @Test("the twin's phase agrees with the domain's regular-session test around every open and close")
    func phases() {
        let nyse = ExchangeCalendar.nyse
        let twin = TwinCalendar()
        for day in TwinCalendar.horizonDayNumbers {
            guard let session = nyse.session(on: CalendarDate(dayNumber: day)) else { continue }
            for instant in [
                session.open.addingTimeInterval(-60), session.open, session.close.addingTimeInterval(-60),
                session.close,
            ] where twin.phase(at: instant).regular != nyse.isRegularSession(at: instant) {
                Issue.record("\(instant): twin and domain disagree")
            }
        }
    }

    @Test("beyond its horizon the twin opens no session instead of guessing")
    func horizon() throws {
        let last = TwinCalendar.horizonDayNumbers.upperBound
        let after = last + 5  // a day past the horizon that the domain calls a trading day
        let domainDay = try #require(
            (after..<(after + 7)).first { ExchangeCalendar.nyse.session(on: CalendarDate(dayNumber: $0)) != nil })
        let noon = try #require(ExchangeCalendar.nyse.session(on: CalendarDate(dayNumber: domainDay))).open
            .addingTimeInterval(3 * 3600)
        #expect(!TwinCalendar.covers(noon))
        #expect(TwinCalendar().phase(at: noon) == MarketPhase(regular: false, extended: false))
        #expect(TwinCalendar.regularSessionInstants(dayNumber: domainDay) == nil)
    }
}
