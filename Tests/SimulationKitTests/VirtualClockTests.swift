import Foundation
import Testing

@testable import SimulationKit

@Suite("VirtualClock")
struct VirtualClockTests {
    let origin = Date(timeIntervalSince1970: 1_767_710_400)

    @Test("time moves only when advanced, never backwards")
    func advances() {
        let clock = VirtualClock(origin: origin)
        #expect(clock.date == origin)
        clock.advance(seconds: 90)
        #expect(clock.date == origin.addingTimeInterval(90))
        clock.advance(toDate: origin)
        #expect(clock.date == origin.addingTimeInterval(90))
        clock.advance(by: .seconds(-5))
        #expect(clock.now.offset == .seconds(90))
        #expect(clock.dateProvider() == origin.addingTimeInterval(90))
    }

    @Test("a sleeper wakes when time passes its deadline, not before")
    func sleeperWakes() async throws {
        let clock = VirtualClock(origin: origin)
        let task = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.pendingSleepers == 0 { await Task.yield() }
        clock.advance(by: .seconds(59))
        #expect(clock.pendingSleepers == 1)
        clock.advance(by: .seconds(1))
        #expect(clock.pendingSleepers == 0)
        try await task.value
        #expect(clock.now.offset == .seconds(60))
    }

    @Test("a sleep whose deadline has passed returns at once")
    func pastDeadline() async throws {
        let clock = VirtualClock(origin: origin)
        clock.advance(seconds: 10)
        try await clock.sleep(until: VirtualClock.Instant(offset: .seconds(5)))
        #expect(clock.pendingSleepers == 0)
    }

    @Test("cancelling a sleeper throws CancellationError and removes it")
    func cancellation() async {
        let clock = VirtualClock(origin: origin)
        let task = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.pendingSleepers == 0 { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.pendingSleepers == 0)
    }
}
