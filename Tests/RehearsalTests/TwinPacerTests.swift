import Foundation
import GatewayTwin
import Synchronization
import Testing

@testable import Rehearsal

@Suite("Twin pacer")
struct TwinPacerTests {
    final class ManualWall: Sendable {
        let date = Mutex(Date(timeIntervalSince1970: 1_000_000))
        func advance(_ seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    @Test("virtual time follows the wall clock at the chosen speed")
    func speed() {
        let wall = ManualWall()
        let twin = GatewayTwin()
        let start = twin.now
        let pacer = TwinPacer(twin: twin, speed: 60, wallNow: { wall.date.withLock { $0 } })
        wall.advance(2)
        pacer.catchUp()
        #expect(twin.now == start.addingTimeInterval(120))
    }

    @Test("a price path plays as virtual time reaches each tick, and not before")
    func ticks() {
        let wall = ManualWall()
        let twin = GatewayTwin()
        let start = twin.now
        let path = [
            TwinPacer.Tick(at: start.addingTimeInterval(30), conid: 265598, last: 191),
            TwinPacer.Tick(at: start.addingTimeInterval(90), conid: 265598, last: 195),
        ]
        let pacer = TwinPacer(twin: twin, speed: 1, ticks: path, wallNow: { wall.date.withLock { $0 } })
        wall.advance(10)
        pacer.catchUp()
        #expect(twin.quote(conid: 265598)?.last == 190)
        wall.advance(50)
        pacer.catchUp()
        #expect(twin.quote(conid: 265598)?.last == 191)
        wall.advance(60)
        pacer.catchUp()
        #expect(twin.quote(conid: 265598)?.last == 195)
    }
}
