/// `/iserver/auth/status`, `ssodh/init` and the `iserver.authStatus` part of `/tickle` (cpapi.md §2.3).
struct CPAPIAuthStatus: Decodable, Sendable {
    struct ServerInfo: Decodable, Sendable {
        var serverName: FlexString?
        var serverVersion: FlexString?
    }

    var authenticated: FlexBool?
    var competing: FlexBool?
    var connected: FlexBool?
    /// Newer gateways: false until the brokerage login has loaded the accounts.
    var established: FlexBool?
    var message: FlexString?
    var fail: FlexString?
    var serverInfo: ServerInfo?
}

/// `/tickle` (cpapi.md §2.4).
struct CPAPITickle: Decodable, Sendable {
    struct IServer: Decodable, Sendable {
        var authStatus: CPAPIAuthStatus?
    }

    var session: FlexString?
    var ssoExpires: FlexDecimal?
    var iserver: IServer?
    /// `{"error": "no session"}` or `{"error": "failed to process request"}` with HTTP 200.
    var error: FlexString?
}
