import Foundation
import Synchronization
import Testing
import TradingDomain

@testable import IBKRAdapter

/// A session whose keep-alive waits until the task is cancelled, then throws as a real transport would.
private struct HangingSession: BrokerSession {
    func status() async throws -> SessionStatus { try await keepAlive() }
    func keepAlive() async throws -> SessionStatus {
        while !Task.isCancelled { await Task.yield() }
        throw CancellationError()
    }
}

@Suite("Session keeper shutdown")
struct SessionKeeperCancellationTests {
    @Test("stopping the keeper mid-tickle raises no alert and reports no change")
    func cancellationIsNotAnOutage() async {
        let lines = Mutex<[String]>([])
        let keeper = IBKRSessionKeeper(
            session: HangingSession(),
            clock: AdapterClock(now: { Date(timeIntervalSince1970: 0) }, sleep: { _ in }),
            interval: .seconds(60),
            alerter: ReauthAlerter(writeLine: { line in lines.withLock { $0.append(line) } }),
            onStateChange: { state in lines.withLock { $0.append("change: \(state)") } }
        )
        let task = Task { await keeper.run() }
        // Cancel only once the first tickle is under way, so the test exercises a cancelled tickle.
        while await keeper.cycles == 0 { await Task.yield() }
        task.cancel()
        await task.value
        #expect(lines.withLock { $0 }.isEmpty)
        #expect(await keeper.alertsSent == 0)
    }
}
