import FoundationEssentials

/// What a WebSocket upgrade handler decides for one request.
public enum WebSocketAcceptance {
    /// Complete the handshake and talk to this session.
    case accept(any WebSocketSession)
    /// Refuse with this HTTP response (404 for an unknown path, 401 without a session, ...).
    case refuse(HTTPResponse)
}
