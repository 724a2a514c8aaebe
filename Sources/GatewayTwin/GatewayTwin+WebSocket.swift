import FoundationEssentials
import HTTPCore

extension GatewayTwin {
    /// Decides a WebSocket upgrade for `/v1/api/ws` (cpapi.md §11): accepted with the `api` cookie holding the
    /// session of `/tickle` (`api={"session":"<id>"}`, as ibind's `_get_cookie` sends it), refused with 401
    /// otherwise and 404 on any other path. Pass the result to `LoopbackHTTPServer(…, webSocket:)`.
    public func webSocket(
        _ request: HTTPRequest, gatewayClock: (@Sendable () -> Date)? = nil,
        beforeTurn: @escaping @Sendable () -> Void = {}
    ) -> WebSocketAcceptance {
        guard request.path == "/v1/api/ws" || request.path == "/v1/portal/ws" || request.path == "/ws" else {
            return .refuse(TwinHTTP.error("no WebSocket at \(request.path); the gateway's is /v1/api/ws", status: 404))
        }
        let token = withCore { $0.session.state == .noSession ? nil : $0.session.token }
        guard let token else {
            return .refuse(
                TwinHTTP.error("not logged in; log in first, then connect with the /tickle session cookie", status: 401)
            )
        }
        guard Self.cookieSession(request.header("Cookie")) == token else {
            return .refuse(
                TwinHTTP.error(
                    "the WebSocket needs the cookie api={\"session\":\"<session from POST /tickle>\"} "
                        + "(cpapi.md §11); it is missing or names another session",
                    status: 401))
        }
        return .accept(TwinWebSocketSession(twin: self, gatewayClock: gatewayClock, beforeTurn: beforeTurn))
    }

    /// The session id in a `Cookie` header's `api` cookie: `{"session":"…"}` (gateway) or the bare id (OAuth).
    static func cookieSession(_ header: String?) -> String? {
        for part in (header ?? "").split(separator: ";") {
            let pair = part.drop(while: { $0 == " " })
            guard pair.hasPrefix("api=") else { continue }
            let value = String(pair.dropFirst(4))
            if let json = TwinJSON.parse(Data(value.utf8)), let session = json["session"]?.stringValue {
                return session
            }
            return value
        }
        return nil
    }
}
