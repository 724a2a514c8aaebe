import FoundationEssentials
import GatewayTwin
import HTTPCore
import SimulationKit

/// What a scenario's stack talks to: the live twin (optionally recorded to a cassette), or a cassette recorded
/// from an earlier twin run, replayed strictly through the same adapter path.
enum ScenarioGateway: Sendable {
    case twin(GatewayTwin, recorder: RecordingTransport?)
    case replay(ReplayTransport, clock: VirtualClock)

    /// The transport the stack sends to.
    var transport: any HTTPTransport {
        switch self {
        case .twin(let twin, let recorder): return recorder ?? twin
        case .replay(let replay, _): return replay
        }
    }

    var now: Date {
        switch self {
        case .twin(let twin, _): return twin.now
        case .replay(_, let clock): return clock.date
        }
    }

    /// Moves time on (on the twin, everything due runs: fills, session timers, the random walk).
    func advance(to instant: Date) {
        switch self {
        case .twin(let twin, _): twin.advance(to: instant)
        case .replay(_, let clock): clock.advance(toDate: instant)
        }
    }

    func advance(by duration: Duration) {
        switch self {
        case .twin(let twin, _): twin.advance(by: duration)
        case .replay(_, let clock): clock.advance(by: duration)
        }
    }

    var twin: GatewayTwin? {
        if case .twin(let twin, _) = self { return twin }
        return nil
    }
}
