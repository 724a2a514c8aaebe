import FoundationEssentials

/// The server side of the RFC 6455 opening handshake (§4.2): checks a client's Upgrade request and computes the
/// `Sec-WebSocket-Accept` value.
enum WebSocketHandshake {
    /// RFC 6455 §1.3: the GUID appended to the client's key before hashing.
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The outcome of checking an upgrade request.
    enum Check: Equatable {
        case valid(accept: String)
        case invalid(HTTPResponse)
    }

    /// `base64(SHA-1(key + GUID))`, what the server answers in `Sec-WebSocket-Accept`.
    static func acceptValue(forKey key: String) -> String {
        Data(SHA1.hash(Array((key + guid).utf8))).base64EncodedString()
    }

    /// True when the request asks to upgrade to a WebSocket (an `Upgrade` header naming `websocket`).
    static func isUpgradeRequest(_ request: HTTPRequest) -> Bool {
        tokens(request.header("Upgrade")).contains("websocket")
    }

    /// The `Sec-WebSocket-Accept` value for a valid upgrade request, or the response refusing it: 400 naming what
    /// is wrong, or 426 with `Sec-WebSocket-Version: 13` for another protocol version (§4.4).
    static func validate(_ request: HTTPRequest, minorVersion: Int) -> Check {
        guard request.method == "GET", minorVersion >= 1 else {
            return .invalid(bad("a WebSocket upgrade must be an HTTP/1.1 GET (RFC 6455 §4.1)"))
        }
        guard tokens(request.header("Connection")).contains("upgrade") else {
            return .invalid(bad("a WebSocket upgrade needs `Connection: Upgrade` (RFC 6455 §4.1)"))
        }
        guard request.header("Sec-WebSocket-Version")?.trimmingSpaces == "13" else {
            var response = HTTPResponseSerializer.errorResponse(
                status: 426, message: "only WebSocket version 13 (RFC 6455) is served; send Sec-WebSocket-Version: 13")
            response.headers["Sec-WebSocket-Version"] = "13"
            return .invalid(response)
        }
        guard let key = request.header("Sec-WebSocket-Key")?.trimmingSpaces,
            let decoded = Data(base64Encoded: key), decoded.count == 16
        else {
            return .invalid(
                bad("Sec-WebSocket-Key must be 16 random bytes in base64 (RFC 6455 §4.1); it is missing or malformed"))
        }
        return .valid(accept: acceptValue(forKey: key))
    }

    /// The `101 Switching Protocols` head that completes the handshake.
    static func switchingProtocols(accept: String) -> [UInt8] {
        Array(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: \(accept)\r\n\r\n").utf8)
    }

    private static func bad(_ message: String) -> HTTPResponse {
        HTTPResponseSerializer.errorResponse(status: 400, message: message)
    }

    private static func tokens(_ value: String?) -> [String] {
        (value ?? "").lowercased().split(separator: ",").map { String($0).trimmingSpaces }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var result = Substring(self)
        while result.first == " " || result.first == "\t" { result.removeFirst() }
        while result.last == " " || result.last == "\t" { result.removeLast() }
        return String(result)
    }
}
