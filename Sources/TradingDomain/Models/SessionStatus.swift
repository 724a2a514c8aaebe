/// The broker session's state (IBKR's auth status).
public struct SessionStatus: Sendable, Hashable {
    /// Logged in to the brokerage session: orders can be sent.
    public var authenticated: Bool
    /// Connected to the broker's backend.
    public var connected: Bool
    /// Another session competes for this login and may take it over mid-order.
    public var competing: Bool
    public var serverVersion: String?
    /// The broker's own message, if it sent one.
    public var message: String?

    public init(
        authenticated: Bool, connected: Bool, competing: Bool = false, serverVersion: String? = nil,
        message: String? = nil
    ) {
        self.authenticated = authenticated
        self.connected = connected
        self.competing = competing
        self.serverVersion = serverVersion
        self.message = message
    }

    /// Safe to send orders: logged in and no competing session.
    public var canTrade: Bool { authenticated && connected && !competing }
}
