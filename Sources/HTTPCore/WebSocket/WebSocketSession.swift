import FoundationEssentials

/// One side of a WebSocket conversation served by `LoopbackHTTPServer`: the server calls it on the connection's
/// own thread, one call at a time, and writes back what it returns as text messages.
///
/// The server never sleeps on the session's behalf: between client messages it calls `poll()` a few times a
/// second, so a session pushes from its own state (a simulated clock, new events) rather than from timers.
public protocol WebSocketSession: AnyObject {
    /// Messages to send as soon as the handshake completes.
    func opened() -> [String]
    /// Handles one complete text (or UTF-8 binary) message from the client; answers messages to send back.
    func received(_ text: String) -> [String]
    /// Messages due now (pushed updates, heartbeats); called between reads.
    func poll() -> [String]
    /// The connection ended (clean close, error or server stop); nothing more is sent.
    func closed()
}
