import FoundationEssentials

/// Reads the text of a `.env` file into assignments, strictly: a line it cannot read is an error that names the
/// line, never silently skipped.
///
/// Accepted, line by line:
/// - blank lines and lines whose first non-blank character is `#` (comments);
/// - `KEY=value` or `export KEY=value`; the key is a letter or `_` followed by letters, digits or `_`; spaces
///   around the key, the `=` and the value are ignored;
/// - unquoted values end at ` #` (an inline comment) and are trimmed;
/// - `'single quoted'` values are literal; `"double quoted"` values understand `\n`, `\t`, `\"` and `\\`;
///   after the closing quote only blanks or a `#` comment may follow. Quoted values stay on one line.
public enum DotEnvParser {
    /// The assignments in file order (a key may repeat; `ValetConfiguration` lets the last one win and warns).
    public static func parse(_ text: String) throws(ConfigurationError) -> [DotEnvEntry] {
        var entries: [DotEnvEntry] = []
        var number = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmed()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            entries.append(try parseAssignment(trimmed, line: number))
        }
        return entries
    }

    private static func parseAssignment(_ text: String, line: Int) throws(ConfigurationError) -> DotEnvEntry {
        var body = Substring(text)
        if body.hasPrefix("export ") || body.hasPrefix("export\t") {
            body = body.dropFirst("export".count).drop(while: { $0 == " " || $0 == "\t" })
        }
        guard let equals = body.firstIndex(of: "=") else {
            throw malformed(
                line, "\"\(clip(text))\" has no '=': write KEY=value (or start the line with # for a comment)")
        }
        let key = body[..<equals].trimmed()
        guard isValidKey(key) else {
            throw malformed(
                line,
                "\"\(clip(key))\" is not a valid key: use letters, digits and _ (not starting with a digit), e.g. MAX_ORDER_VALUE"
            )
        }
        let rest = body[body.index(after: equals)...].trimmed()
        let value = try parseValue(rest, key: key, line: line)
        return DotEnvEntry(key: key, value: value, line: line)
    }

    private static func parseValue(_ text: String, key: String, line: Int) throws(ConfigurationError) -> String {
        guard let first = text.first, first == "\"" || first == "'" else {
            // Unquoted: an inline comment starts at a '#' that follows a blank.
            var value = text
            if let hash = text.firstRange(of: " #") ?? text.firstRange(of: "\t#") {
                value = String(text[..<hash.lowerBound])
            }
            return value.trimmed()
        }
        var value = ""
        var index = text.index(after: text.startIndex)
        var closed = false
        while index < text.endIndex {
            let character = text[index]
            if character == first {
                closed = true
                index = text.index(after: index)
                break
            }
            if first == "\"", character == "\\" {
                let next = text.index(after: index)
                guard next < text.endIndex else { break }
                switch text[next] {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                default:
                    value.append("\\")
                    value.append(text[next])
                }
                index = text.index(after: next)
                continue
            }
            value.append(character)
            index = text.index(after: index)
        }
        guard closed else {
            throw malformed(line, "the value of \(key) opens a \(first) quote that is not closed on the same line")
        }
        let tail = text[index...].trimmed()
        guard tail.isEmpty || tail.hasPrefix("#") else {
            throw malformed(
                line, "unexpected text \"\(clip(tail))\" after the quoted value of \(key): put comments after a #")
        }
        return value
    }

    /// True for `[A-Za-z_][A-Za-z0-9_]*`.
    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func malformed(_ line: Int, _ detail: String) -> ConfigurationError {
        ConfigurationError(
            problems: [ConfigurationProblem(code: .malformedLine, key: nil, message: ".env line \(line): \(detail)")])
    }

    /// Long input is cut in messages so a stray binary file does not flood the terminal.
    private static func clip(_ text: some StringProtocol) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : String(text)
    }
}
