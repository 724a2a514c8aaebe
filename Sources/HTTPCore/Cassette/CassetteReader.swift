import FoundationEssentials

/// Reads cassette JSON byte by byte into `Cassette` values, for the one shape cassettes have.
///
/// `JSONDecoder` spends most of its time in the generic `Codable` machinery (and `Cassette.JSON` tries each case
/// in turn), about 1.7 s for a 16 MB cassette; this scanner walks the bytes once. It produces exactly what
/// `JSONDecoder` produces for every well-formed cassette (a test compares both over `recordings/`) and rejects
/// anything else with the byte offset where reading stopped, so a hand-edited file is easy to fix.
///
/// Numbers follow `JSONDecoder`'s reading of `Cassette.JSON`: a number that is an exact `Int64` (`300`, `300.0`,
/// `3e2`) is `.integer`, any other `.number`. Unknown keys are skipped, as `Codable` skips them. A repeated key
/// keeps its last value (no cassette written by `Cassette.write(to:)` repeats one).
struct CassetteReader {
    /// Why reading stopped, and where.
    struct Failure: Error, Equatable {
        /// Byte offset (from 0) of the value or character that is wrong.
        var offset: Int
        var message: String

        var description: String { "\(message) (at byte \(offset))" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads a whole cassette; nothing but white space may follow it.
    static func cassette(from data: Data) throws(Failure) -> Cassette {
        try read(data) { reader throws(Failure) in try reader.readCassette() }
    }

    /// Reads any one JSON value (a body); nothing but white space may follow it.
    static func json(from data: Data) throws(Failure) -> Cassette.JSON {
        try read(data) { reader throws(Failure) in try reader.readValue() }
    }

    private static func read<T>(_ data: Data, _ body: (inout CassetteReader) throws(Failure) -> T) throws(Failure)
        -> T
    {
        let result: Result<T, Failure> = data.withUnsafeBytes { raw in
            var reader = CassetteReader(raw.bindMemory(to: UInt8.self))
            do throws(Failure) {
                let value = try body(&reader)
                reader.skipWhiteSpace()
                guard reader.offset == reader.bytes.count else {
                    throw reader.failure("unexpected \(reader.describeCurrent()) after the end of the JSON value")
                }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: The cassette's shape

    private mutating func readCassette() throws(Failure) -> Cassette {
        var version: Int?
        var note: String?
        var exchanges: [Cassette.Exchange]?
        let start = try readObject { reader, key throws(Failure) in
            switch key {
            case "version": version = try reader.readInt(at: ".version")
            case "note": note = try reader.readOptional { reader throws(Failure) in try reader.readString(at: ".note") }
            case "exchanges": exchanges = try reader.readExchanges()
            default: try reader.skipValue()
            }
        }
        guard let version else { throw Failure(offset: start, message: "missing `version` at the top level") }
        guard let exchanges else { throw Failure(offset: start, message: "missing `exchanges` at the top level") }
        return Cassette(version: version, note: note, exchanges: exchanges)
    }

    private mutating func readExchanges() throws(Failure) -> [Cassette.Exchange] {
        var exchanges: [Cassette.Exchange] = []
        try readArray(at: ".exchanges") { reader, index throws(Failure) in
            exchanges.append(try reader.readExchange(at: ".exchanges[\(index)]"))
        }
        return exchanges
    }

    private mutating func readExchange(at path: @autoclosure () -> String) throws(Failure) -> Cassette.Exchange {
        var method: String?
        var route: String?
        var query: [Cassette.QueryItem]?
        var requestBody: Cassette.Body?
        var status: Int?
        var headers: [String: String]?
        var responseBody: Cassette.Body?
        var compactResponse: Data?
        var elapsedMs: Int?
        let start = try readObject(at: path()) { reader, key throws(Failure) in
            switch key {
            case "method": method = try reader.readString(at: path() + ".method")
            case "path": route = try reader.readString(at: path() + ".path")
            case "query": query = try reader.readQuery(at: path() + ".query")
            case "requestBody":
                requestBody = try reader.readOptional { reader throws(Failure) in
                    try reader.readBody(at: path() + ".requestBody").body
                }
            case "status": status = try reader.readInt(at: path() + ".status")
            case "headers": headers = try reader.readHeaders(at: path() + ".headers")
            case "responseBody":
                let body = try reader.readOptional { reader throws(Failure) in
                    try reader.readBody(at: path() + ".responseBody", keepingCompact: true)
                }
                responseBody = body?.body
                compactResponse = body?.compact
            case "elapsedMs":
                elapsedMs = try reader.readOptional { reader throws(Failure) in
                    try reader.readInt(at: path() + ".elapsedMs")
                }
            default: try reader.skipValue()
            }
        }
        func missing(_ key: String) -> Failure { Failure(offset: start, message: "missing `\(key)` at \(path())") }
        guard let method else { throw missing("method") }
        guard let route else { throw missing("path") }
        guard let query else { throw missing("query") }
        guard let status else { throw missing("status") }
        guard let headers else { throw missing("headers") }
        var exchange = Cassette.Exchange(
            method: method, path: route, query: query, requestBody: requestBody, status: status, headers: headers,
            responseBody: responseBody, elapsedMs: elapsedMs)
        exchange.compactResponseBody = compactResponse
        return exchange
    }

    private mutating func readQuery(at path: @autoclosure () -> String) throws(Failure) -> [Cassette.QueryItem] {
        var items: [Cassette.QueryItem] = []
        try readArray(at: path()) { reader, index throws(Failure) in
            var name: String?
            var value: String?
            let start = try reader.readObject(at: path() + "[\(index)]") { reader, key throws(Failure) in
                switch key {
                case "name": name = try reader.readString(at: path() + "[\(index)].name")
                case "value":
                    value = try reader.readOptional { reader throws(Failure) in
                        try reader.readString(at: path() + "[\(index)].value")
                    }
                default: try reader.skipValue()
                }
            }
            guard let name else { throw Failure(offset: start, message: "missing `name` at \(path())[\(index)]") }
            items.append(Cassette.QueryItem(name: name, value: value))
        }
        return items
    }

    private mutating func readHeaders(at path: @autoclosure () -> String) throws(Failure) -> [String: String] {
        var headers: [String: String] = [:]
        try readObject(at: path()) { reader, key throws(Failure) in
            headers[key] = try reader.readString(at: path() + ".\(key)")
        }
        return headers
    }

    /// `{"json": value}` or `{"text": "…"}`; `json` wins when both are there, as in `Body.init(from:)`. With
    /// `keepingCompact`, a JSON body's text from the file comes back too, white space removed: for a cassette
    /// Valet wrote (sorted keys, no escaped slashes) exactly the bytes `Body.data()` would write, at the cost of
    /// one copy instead of a walk over the parsed value.
    private mutating func readBody(
        at path: @autoclosure () -> String, keepingCompact: Bool = false
    ) throws(Failure) -> (body: Cassette.Body, compact: Data?) {
        var json: Cassette.JSON?
        var compact: Data?
        var text: String?
        let start = try readObject(at: path()) { reader, key throws(Failure) in
            switch key {
            case "json":
                reader.skipWhiteSpace()
                let from = reader.offset
                json = try reader.readValue()
                compact = keepingCompact ? Self.compact(reader.bytes[from..<reader.offset]) : nil
            case "text": text = try reader.readString(at: path() + ".text")
            default: try reader.skipValue()
            }
        }
        if let json { return (.json(json), compact) }
        if let text { return (.text(text), nil) }
        throw Failure(offset: start, message: "a body needs a `json` or a `text` key at \(path())")
    }

    /// JSON text without the white space between tokens (strings are copied as they are).
    private static func compact(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var inString = false
        var escaped = false
        for byte in text {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            default: out.append(byte)
            }
        }
        return Data(out)
    }

    // MARK: Typed values

    /// `null` reads as nil (as `decodeIfPresent` does); anything else goes to `body`.
    private mutating func readOptional<T>(_ body: (inout CassetteReader) throws(Failure) -> T) throws(Failure) -> T? {
        skipWhiteSpace()
        if peek() == UInt8(ascii: "n") {
            try expectLiteral("null")
            return nil
        }
        return try body(&self)
    }

    private mutating func readString(at path: @autoclosure () -> String) throws(Failure) -> String {
        skipWhiteSpace()
        guard peek() == UInt8(ascii: "\"") else {
            throw failure("expected a string at \(path()), found \(describeCurrent())")
        }
        return try scanString()
    }

    private mutating func readInt(at path: @autoclosure () -> String) throws(Failure) -> Int {
        skipWhiteSpace()
        let start = offset
        guard let byte = peek(), byte == UInt8(ascii: "-") || isDigit(byte) else {
            throw failure("expected an integer at \(path()), found \(describeCurrent())")
        }
        guard case .integer(let value) = try scanNumber(), let result = Int(exactly: value) else {
            throw Failure(offset: start, message: "expected an integer at \(path()), found a number with a fraction")
        }
        return result
    }

    // MARK: Generic JSON

    private mutating func readValue() throws(Failure) -> Cassette.JSON {
        skipWhiteSpace()
        guard let byte = peek() else { throw failure("expected a JSON value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "{"):
            // Pairs first, then one dictionary of the right size (no rehashing as it grows).
            var members: [(String, Cassette.JSON)] = []
            try readObject { reader, key throws(Failure) in members.append((key, try reader.readValue())) }
            return .object(Dictionary(members) { _, last in last })
        case UInt8(ascii: "["):
            var elements: [Cassette.JSON] = []
            try readArray(at: "") { reader, _ throws(Failure) in elements.append(try reader.readValue()) }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try scanString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try scanNumber()
        default:
            throw failure("expected a JSON value, found \(describeCurrent())")
        }
    }

    private mutating func skipValue() throws(Failure) { _ = try readValue() }

    /// Reads `{ "key": value, … }`, handing each key to `member` positioned before its value; returns the offset
    /// of the opening brace (for messages about the object as a whole).
    @discardableResult
    private mutating func readObject(
        at path: @autoclosure () -> String = "", _ member: (inout CassetteReader, String) throws(Failure) -> Void
    ) throws(Failure) -> Int {
        skipWhiteSpace()
        let start = offset
        guard peek() == UInt8(ascii: "{") else {
            let place = path().isEmpty ? "" : " at \(path())"
            throw failure("expected an object\(place), found \(describeCurrent())")
        }
        offset += 1
        skipWhiteSpace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            return start
        }
        while true {
            skipWhiteSpace()
            guard peek() == UInt8(ascii: "\"") else {
                throw failure("expected a key string, found \(describeCurrent())")
            }
            let key = try scanString()
            skipWhiteSpace()
            guard peek() == UInt8(ascii: ":") else {
                throw failure("expected `:` after the key \"\(key)\", found \(describeCurrent())")
            }
            offset += 1
            try member(&self, key)
            skipWhiteSpace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return start
            default: throw failure("expected `,` or `}` in an object, found \(describeCurrent())")
            }
        }
    }

    /// Reads `[ value, … ]`, handing each element's index to `element` positioned before it.
    private mutating func readArray(
        at path: @autoclosure () -> String, _ element: (inout CassetteReader, Int) throws(Failure) -> Void
    ) throws(Failure) {
        skipWhiteSpace()
        guard peek() == UInt8(ascii: "[") else {
            let place = path().isEmpty ? "" : " at \(path())"
            throw failure("expected an array\(place), found \(describeCurrent())")
        }
        offset += 1
        skipWhiteSpace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return
        }
        var index = 0
        while true {
            try element(&self, index)
            index += 1
            skipWhiteSpace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return
            default: throw failure("expected `,` or `]` in an array, found \(describeCurrent())")
            }
        }
    }

    // MARK: Scanning

    private mutating func scanString() throws(Failure) -> String {
        let quote = offset
        offset += 1
        let start = offset
        // Fast path: no escapes, so the bytes between the quotes are the string; all ASCII needs no validation.
        var combined: UInt8 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            combined |= byte
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                let text = combined < 0x80 ? String(decoding: raw, as: UTF8.self) : try makeString(raw, at: start)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("a control character must be escaped inside a string") }
            offset += 1
        }
        guard offset < bytes.count else {
            throw Failure(offset: quote, message: "a string starting here is not closed before the end of the file")
        }
        var scratch = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                let text = try scratch.withUnsafeBufferPointer { buffer throws(Failure) in
                    try makeString(buffer, at: start)
                }
                offset += 1
                return text
            case UInt8(ascii: "\\"):
                try scanEscape(into: &scratch)
            case 0..<0x20:
                throw failure("a control character must be escaped inside a string")
            default:
                scratch.append(byte)
                offset += 1
            }
        }
        throw Failure(offset: quote, message: "a string starting here is not closed before the end of the file")
    }

    private mutating func scanEscape(into scratch: inout [UInt8]) throws(Failure) {
        let escape = offset
        offset += 1
        guard let byte = peek() else {
            throw Failure(offset: escape, message: "an escape is cut off by the end of the file")
        }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try scanHex(escape: escape)
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by `\u` and a low one; together they name one scalar.
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                    bytes[offset + 1] == UInt8(ascii: "u")
                else { throw Failure(offset: escape, message: "a \\u high surrogate is not followed by a low one") }
                offset += 2
                let low = try scanHex(escape: escape)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw Failure(offset: escape, message: "a \\u high surrogate is not followed by a low one")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw Failure(offset: escape, message: "\\u escape names a lone surrogate, which is not a character")
            }
            scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw Failure(offset: escape, message: "unknown escape `\\\(Character(Unicode.Scalar(byte)))` in a string")
        }
    }

    private mutating func scanHex(escape: Int) throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else {
            throw Failure(offset: escape, message: "a \\u escape needs four hex digits")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure(offset: escape, message: "a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private func makeString(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) throws(Failure) -> String {
        guard let text = String(validating: buffer, as: UTF8.self) else {
            throw Failure(offset: start, message: "a string starting here is not valid UTF-8")
        }
        return text
    }

    /// JSON's number grammar, read as `Cassette.JSON` reads it: an exact `Int64` is `.integer`, else `.number`.
    private mutating func scanNumber() throws(Failure) -> Cassette.JSON {
        let start = offset
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            offset += 1
        }
        guard let first = peek(), isDigit(first) else { throw failure("expected a digit in a number") }
        // Accumulate negatively so Int64.min fits; overflow falls back to the Double reading.
        var magnitude: Int64 = 0
        var overflow = false
        if first == UInt8(ascii: "0") {
            offset += 1
            if let next = peek(), isDigit(next) {
                throw Failure(offset: start, message: "a number must not start with a leading zero")
            }
        } else {
            while let byte = peek(), isDigit(byte) {
                let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (minus, o2) = times.subtractingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                magnitude = minus
                offset += 1
            }
        }
        var integral = !overflow
        if peek() == UInt8(ascii: ".") {
            integral = false
            offset += 1
            guard let byte = peek(), isDigit(byte) else { throw failure("expected a digit after `.` in a number") }
            while let byte = peek(), isDigit(byte) { offset += 1 }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            integral = false
            offset += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { offset += 1 }
            guard let byte = peek(), isDigit(byte) else { throw failure("expected a digit in a number's exponent") }
            while let byte = peek(), isDigit(byte) { offset += 1 }
        }
        if integral {
            if negative { return .integer(magnitude) }
            if magnitude != .min { return .integer(-magnitude) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw Failure(offset: start, message: "the number \(text) does not fit a Double")
        }
        if let exact = Int64(exactly: double) { return .integer(exact) }
        return .number(double)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        let matches =
            offset + count <= bytes.count
            && literal.withUTF8Buffer { expected in
                expected.elementsEqual(UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]))
            }
        guard matches else { throw failure("expected `\(literal)`, found \(describeCurrent())") }
        offset += count
    }

    // MARK: Helpers

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipWhiteSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private func failure(_ message: String) -> Failure { Failure(offset: offset, message: message) }

    /// The byte at the current offset, for messages: a printable character quoted, else its hex value.
    private func describeCurrent() -> String {
        guard let byte = peek() else { return "the end of the file" }
        if (0x21..<0x7F).contains(byte) { return "`\(Character(Unicode.Scalar(byte)))`" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
