/// The login session with the broker (IBKR's gateway session).
public protocol BrokerSession: Sendable {
    /// Whether the session is logged in, connected and unchallenged.
    func status() async throws -> SessionStatus

    /// Keeps the session from expiring (IBKR's tickle) and reports its state.
    func keepAlive() async throws -> SessionStatus
}
