import Foundation
import GatewayTwin

/// Runs the twin's virtual clock alongside a wall clock at a chosen speed, for interactive rehearsal: an agent can
/// rehearse a 10:00 New York session at 3 a.m., and `--speed 60` turns a minute into a second. The wall clock is
/// injected, so the pacer itself stays deterministic under test.
public final class TwinPacer: Sendable {
    public let twin: GatewayTwin
    public let speed: Double
    private let wallNow: @Sendable () -> Date
    private let wallStart: Date
    private let virtualStart: Date

    /// - Parameters:
    ///   - speed: virtual seconds per wall second (1 = real time); must be positive and finite.
    public init(twin: GatewayTwin, speed: Double = 1, wallNow: @escaping @Sendable () -> Date) {
        self.twin = twin
        self.speed = speed.isFinite && speed > 0 ? speed : 1
        self.wallNow = wallNow
        self.wallStart = wallNow()
        self.virtualStart = twin.now
    }

    /// The virtual instant that corresponds to the wall clock now.
    public var virtualNow: Date {
        virtualStart.addingTimeInterval(wallNow().timeIntervalSince(wallStart) * speed)
    }

    /// Brings the twin up to the present (fills, expiries and session timers that fell due run now).
    public func catchUp() {
        twin.advance(to: virtualNow)
    }
}
