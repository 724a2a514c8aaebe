import FoundationEssentials

/// Turns an `HTTPResponse` into HTTP/1.1 wire bytes.
///
/// The server owns framing: any `Content-Length`, `Transfer-Encoding` or `Connection` header the handler set
/// is replaced, so a handler cannot desynchronise a keep-alive connection.
enum HTTPResponseSerializer {
    /// Appends the status line, headers and (unless `includeBody` is false, as for HEAD) the body to `output`.
    static func write(
        _ response: HTTPResponse, keepAlive: Bool, includeBody: Bool, into output: inout [UInt8]
    ) {
        let status = (100...999).contains(response.status) ? response.status : 500
        output.append(contentsOf: "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n".utf8)
        // Sorted so the bytes on the wire do not depend on dictionary order.
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) {
            switch name.lowercased() {
            case "content-length", "transfer-encoding", "connection":
                continue
            default:
                // CR/LF inside a header would split the response; drop such headers rather than send them.
                if name.utf8.contains(where: isLineBreak) || value.utf8.contains(where: isLineBreak) { continue }
                output.append(contentsOf: name.utf8)
                output.append(contentsOf: ": ".utf8)
                output.append(contentsOf: value.utf8)
                output.append(contentsOf: "\r\n".utf8)
            }
        }
        output.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        output.append(contentsOf: (keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n").utf8)
        if includeBody { output.append(contentsOf: response.body) }
    }

    /// A plain-text error response the server itself produces (400, 408, 411, 413, 431, …).
    static func errorResponse(status: Int, message: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "text/plain; charset=utf-8"],
            body: Data("\(status) \(reasonPhrase(status)): \(message)\n".utf8))
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 426: "Upgrade Required"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0D || byte == 0x0A }
}
