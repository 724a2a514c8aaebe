import FoundationEssentials

/// Removes what must never be written to a cassette, consistently across one recording.
///
/// - IBKR account ids (`U1234567`, `DU1234567`, `F1234567`, `DF1234567`: prefix + 5–9 digits, as a whole
///   word) become numbered placeholders with the same prefix (`DU0000001`, `U0000002`, …). The same real id
///   always gets the same placeholder in paths, query values and bodies, so a replay that uses the
///   placeholder account still matches.
/// - Values of sensitive JSON keys and query names (session tokens, cookies, user names, passwords, user ids,
///   MAC/IP addresses) become `"REDACTED"` (strings) or `0` (numbers). Keys match without regard to case,
///   `_` or `-` (`userName`, `user_name`, `USER_NAME`).
/// - Headers are not redacted here because cassettes keep only `Content-Type`: cookies, `Set-Cookie` and
///   `Authorization` are never written at all.
public struct CassetteRedactor: Sendable {
    /// Normalised (lower-case, no `_`/`-`) names whose values are replaced.
    public static let defaultSensitiveKeys: Set<String> = [
        "session", "sessionid", "cookie", "setcookie", "authorization", "token", "accesstoken", "oauthtoken",
        "livesessiontoken", "password", "passwd", "secret", "username", "paperusername", "credential", "userid",
        "ip", "mac", "hardwareinfo",
    ]

    /// The placeholder written for a sensitive string value.
    public static let placeholder = "REDACTED"

    public var sensitiveKeys: Set<String>
    /// Real account id → placeholder, in the order they were first seen.
    public private(set) var accountMap: [String: String] = [:]
    private var nextAccountNumber = 1

    public init(sensitiveKeys: Set<String> = CassetteRedactor.defaultSensitiveKeys) {
        self.sensitiveKeys = sensitiveKeys
    }

    /// Redacts one exchange: path, query, both bodies; keeps only the `Content-Type` response header.
    public mutating func redact(
        request: HTTPRequest, response: HTTPResponse, elapsedMs: Int?
    ) -> Cassette.Exchange {
        let query = request.query.map { item -> Cassette.QueryItem in
            let value =
                isSensitive(item.name) && item.value != nil
                ? Self.placeholder : item.value.map { redactAccounts(in: $0) }
            return Cassette.QueryItem(name: redactAccounts(in: item.name), value: value)
        }
        var headers: [String: String] = [:]
        if let contentType = response.header("Content-Type") { headers["Content-Type"] = contentType }
        return Cassette.Exchange(
            method: request.method, path: redactAccounts(in: request.path), query: query,
            requestBody: request.body.flatMap { redactBody($0) }, status: response.status, headers: headers,
            responseBody: redactBody(response.body), elapsedMs: elapsedMs)
    }

    /// Redacts a body: account ids everywhere in the text, then sensitive keys when it is JSON.
    public mutating func redactBody(_ data: Data) -> Cassette.Body? {
        guard !data.isEmpty else { return nil }
        let text = redactAccounts(in: String(decoding: data, as: UTF8.self))
        switch Cassette.Body(data: Data(text.utf8)) {
        case .json(let value): return .json(redactKeys(in: value))
        case .text(let text): return .text(text)
        case nil: return nil
        }
    }

    /// Replaces every account id in `text` by its placeholder.
    public mutating func redactAccounts(in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        var changed = false
        while index < scalars.count {
            let atWordStart = index == 0 || !Self.isWordScalar(scalars[index - 1])
            if atWordStart, let length = Self.accountLength(scalars, at: index) {
                var id = String.UnicodeScalarView()
                id.append(contentsOf: scalars[index..<(index + length)])
                output.append(contentsOf: placeholder(for: String(id)).unicodeScalars)
                index += length
                changed = true
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return changed ? String(output) : text
    }

    /// Replaces the values of sensitive keys, at any depth.
    public func redactKeys(in value: Cassette.JSON) -> Cassette.JSON {
        switch value {
        case .object(let object):
            var result: [String: Cassette.JSON] = [:]
            for (key, child) in object {
                result[key] = isSensitive(key) ? Self.mask(child) : redactKeys(in: child)
            }
            return .object(result)
        case .array(let items):
            return .array(items.map { redactKeys(in: $0) })
        default:
            return value
        }
    }

    func isSensitive(_ key: String) -> Bool {
        sensitiveKeys.contains(String(key.lowercased().filter { $0 != "_" && $0 != "-" }))
    }

    private static func mask(_ value: Cassette.JSON) -> Cassette.JSON {
        switch value {
        case .null, .bool: value
        case .integer: .integer(0)
        case .number: .number(0)
        case .string, .array, .object: .string(placeholder)
        }
    }

    private mutating func placeholder(for id: String) -> String {
        if let known = accountMap[id] { return known }
        let prefix = String(id.prefix { $0.isLetter })
        let digits = String(nextAccountNumber)
        let replacement = prefix + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        nextAccountNumber += 1
        accountMap[id] = replacement
        return replacement
    }

    /// Length of an account id starting at `index` (`DU`/`DF`/`U`/`F` + 5–9 digits, then a word end), if any.
    private static func accountLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        var cursor = index
        guard cursor < scalars.count else { return nil }
        if scalars[cursor] == "D", cursor + 1 < scalars.count, scalars[cursor + 1] == "U" || scalars[cursor + 1] == "F"
        {
            cursor += 2
        } else if scalars[cursor] == "U" || scalars[cursor] == "F" {
            cursor += 1
        } else {
            return nil
        }
        let digitsStart = cursor
        while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
        let digitCount = cursor - digitsStart
        guard (5...9).contains(digitCount) else { return nil }
        if cursor < scalars.count, isWordScalar(scalars[cursor]) { return nil }
        return cursor - index
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}
