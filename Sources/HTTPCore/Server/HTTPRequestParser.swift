import FoundationEssentials

/// Parses the head (request line and headers) of an HTTP/1.x request from raw bytes.
///
/// Kept free of sockets so every malformed shape can be tested as a pure function. Only origin-form
/// (`/path?query`) and absolute-form (`http://host/path`) targets are accepted; header lines must be
/// `name: value` with a token name (obsolete line folding is refused, as RFC 9112 allows).
enum HTTPRequestParser {
    /// Limits applied while parsing a head.
    struct Limits: Sendable {
        var maxHeaderCount: Int = 100
    }

    /// Parses `bytes`, which must hold the head without the final empty line (`\r\n\r\n`).
    static func parseHead(
        _ bytes: ArraySlice<UInt8>, limits: Limits = Limits()
    ) -> Result<HTTPRequestHead, HTTPRequestRejection> {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return .failure(bad("empty request")) }
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(bad("malformed request line; expected `METHOD /path HTTP/1.1`"))
        }
        let method = String(parts[0])
        guard !method.isEmpty, method.utf8.allSatisfy(isTokenByte) else {
            return .failure(bad("malformed method in request line"))
        }
        let minorVersion: Int
        switch parts[2] {
        case "HTTP/1.1": minorVersion = 1
        case "HTTP/1.0": minorVersion = 0
        default:
            if parts[2].hasPrefix("HTTP/") {
                return .failure(HTTPRequestRejection(status: 505, message: "only HTTP/1.0 and HTTP/1.1 are served"))
            }
            return .failure(bad("malformed HTTP version in request line"))
        }
        guard let (path, query) = splitTarget(parts[1]) else {
            return .failure(bad("malformed request target; expected a path starting with `/`"))
        }
        if lines.count > limits.maxHeaderCount {
            return .failure(
                HTTPRequestRejection(status: 431, message: "more than \(limits.maxHeaderCount) header lines"))
        }
        var headers: [String: String] = [:]
        var contentLength: Int?
        var hasTransferEncoding = false
        var expectsContinue = false
        var connectionTokens: [Substring] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(bad("malformed header line (no `:`)"))
            }
            let name = line[..<colon]
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                return .failure(bad("malformed header name (spaces or folding are not allowed)"))
            }
            let value = String(line[line.index(after: colon)...].trimmed())
            let key = String(name)
            // Only a few header names matter for framing; compare them without building lower-case copies.
            switch Self.framingHeader(name) {
            case .contentLength:
                guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.utf8.count <= 15,
                    let length = Int(value)
                else {
                    return .failure(bad("invalid Content-Length `\(value.prefix(32))`"))
                }
                if let earlier = contentLength, earlier != length {
                    return .failure(bad("conflicting Content-Length headers"))
                }
                contentLength = length
            case .transferEncoding:
                hasTransferEncoding = true
            case .expect:
                if value.lowercased() == "100-continue" { expectsContinue = true }
            case .connection:
                connectionTokens.append(contentsOf: value.lowercased().split(separator: ",").map { $0.trimmed() })
            case nil:
                break
            }
            if let existing = headers[key] {
                headers[key] = existing + ", " + value
            } else {
                headers[key] = value
            }
        }
        let keepAlive =
            minorVersion == 1 ? !connectionTokens.contains("close") : connectionTokens.contains("keep-alive")
        return .success(
            HTTPRequestHead(
                method: method, path: path, query: query, minorVersion: minorVersion, headers: headers,
                contentLength: contentLength, hasTransferEncoding: hasTransferEncoding,
                expectsContinue: expectsContinue, keepAlive: keepAlive))
    }

    /// Splits a request target into a percent-decoded path and query items (`+` stays a plus, as in
    /// `URLComponents`). Returns nil when the target is not origin-form or absolute-form.
    static func splitTarget(_ target: Substring) -> (String, [URLQueryItem])? {
        var target = target
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let afterScheme = target.dropFirst(scheme.count)
            guard let slash = afterScheme.firstIndex(of: "/") else { return nil }
            target = afterScheme[slash...]
        }
        guard target.first == "/" else { return nil }
        guard target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        let rawPath: Substring
        let rawQuery: Substring?
        if let mark = target.firstIndex(of: "?") {
            rawPath = target[..<mark]
            rawQuery = target[target.index(after: mark)...]
        } else {
            rawPath = target
            rawQuery = nil
        }
        guard let path = Self.percentDecoded(rawPath) else { return nil }
        var items: [URLQueryItem] = []
        if let rawQuery, !rawQuery.isEmpty {
            for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
                if let equals = pair.firstIndex(of: "=") {
                    let name = String(pair[..<equals])
                    let value = String(pair[pair.index(after: equals)...])
                    items.append(
                        URLQueryItem(
                            name: Self.percentDecoded(name) ?? name, value: Self.percentDecoded(value) ?? value))
                } else {
                    let name = String(pair)
                    items.append(URLQueryItem(name: Self.percentDecoded(name) ?? name, value: nil))
                }
            }
        }
        return (path, items)
    }

    enum FramingHeader {
        case contentLength
        case transferEncoding
        case expect
        case connection
    }

    /// Which framing header `name` is, matched without regard to ASCII case (`name` is already a token).
    static func framingHeader(_ name: Substring) -> FramingHeader? {
        let wanted: StaticString
        let header: FramingHeader
        switch name.utf8.count {
        case 14: (wanted, header) = ("content-length", .contentLength)
        case 17: (wanted, header) = ("transfer-encoding", .transferEncoding)
        case 6: (wanted, header) = ("expect", .expect)
        case 10: (wanted, header) = ("connection", .connection)
        default: return nil
        }
        let bytes = UnsafeBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount)
        // Token bytes OR 0x20 map A–Z to a–z and leave `-` alone, which is all these names contain.
        return zip(name.utf8, bytes).allSatisfy({ ($0 | 0x20) == $1 }) ? header : nil
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// `%XX` escapes decoded as UTF-8 (a `+` stays a `+`); nil for a broken escape or bytes that are not UTF-8.
    static func percentDecoded<Text: StringProtocol>(_ text: Text) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func bad(_ message: String) -> HTTPRequestRejection {
        HTTPRequestRejection(status: 400, message: message)
    }
}

extension Substring {
    fileprivate func trimmed() -> Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result.removeFirst() }
        while result.last == " " || result.last == "\t" { result.removeLast() }
        return result
    }
}
