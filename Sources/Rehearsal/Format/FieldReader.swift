import FoundationEssentials
import MCPKit

/// Typed access to the members of one JSON object of a scenario, turning every wrong shape into a
/// `ScenarioFormatError` that names the field by its full path.
struct FieldReader {
    let members: [String: JSONValue]
    /// Path of this object (`instruments[0]`), empty at the top and at a step's top.
    let prefix: String
    /// Builds the error for a field path and a problem.
    let fail: @Sendable (_ field: String, _ problem: String) -> ScenarioFormatError

    init(
        _ value: JSONValue, prefix: String, what: String,
        fail: @escaping @Sendable (String, String) -> ScenarioFormatError
    ) throws(ScenarioFormatError) {
        guard case .object(let members) = value else {
            throw fail(prefix, "must be an object (\(what)), got \(value.typeName)")
        }
        self.members = members
        self.prefix = prefix
        self.fail = fail
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    func error(_ key: String, _ problem: String) -> ScenarioFormatError { fail(path(key), problem) }

    /// Refuses keys the format does not know, so a typo is reported rather than ignored.
    func allowOnly(_ keys: Set<String>) throws(ScenarioFormatError) {
        if let unknown = members.keys.sorted().first(where: { !keys.contains($0) }) {
            throw fail(path(unknown), "is not part of the format (known: \(keys.sorted().joined(separator: ", ")))")
        }
    }

    func has(_ key: String) -> Bool { members[key] != nil }

    func string(_ key: String) throws(ScenarioFormatError) -> String? {
        guard let value = members[key] else { return nil }
        guard case .string(let text) = value, !text.isEmpty else {
            throw error(key, "must be a non-empty string, got \(describe(value))")
        }
        return text
    }

    func requiredString(_ key: String) throws(ScenarioFormatError) -> String {
        guard let text = try string(key) else { throw error(key, "is required") }
        return text
    }

    func int(_ key: String, minimum: Int) throws(ScenarioFormatError) -> Int? {
        guard let value = members[key] else { return nil }
        guard case .int(let number) = value, number >= minimum else {
            throw error(key, "must be a whole number of at least \(minimum), got \(describe(value))")
        }
        return number
    }

    func bool(_ key: String) throws(ScenarioFormatError) -> Bool? {
        guard let value = members[key] else { return nil }
        guard case .bool(let flag) = value else { throw error(key, "must be true or false, got \(describe(value))") }
        return flag
    }

    func decimal(_ key: String) throws(ScenarioFormatError) -> Decimal? {
        guard let value = members[key] else { return nil }
        guard let number = ExpectationMatcher.decimal(value) else {
            throw error(key, "must be a decimal string such as \"190.10\", got \(describe(value))")
        }
        return number
    }

    func requiredDecimal(_ key: String) throws(ScenarioFormatError) -> Decimal {
        guard let number = try decimal(key) else { throw error(key, "is required") }
        return number
    }

    func price(_ key: String) throws(ScenarioFormatError) -> Decimal? {
        guard let number = try decimal(key) else { return nil }
        guard number > 0 else { throw error(key, "must be a price above zero, got \(number)") }
        return number
    }

    func requiredPrice(_ key: String) throws(ScenarioFormatError) -> Decimal {
        guard let number = try price(key) else { throw error(key, "is required") }
        return number
    }

    func duration(_ key: String) throws(ScenarioFormatError) -> TimeInterval? {
        guard let text = try string(key) else { return nil }
        guard let seconds = TimeText.seconds(text), seconds > 0 else {
            throw error(key, "must be a duration such as \"90s\", \"5m\", \"2h\" or \"1h30m\", got \"\(text)\"")
        }
        return seconds
    }

    func instant(_ key: String, start: Date) throws(ScenarioFormatError) -> Date {
        let text = try requiredString(key)
        guard let date = TimeText.instant(text, relativeTo: start) else {
            throw error(
                key,
                "must be \"+<duration>\" (e.g. \"+30s\") or ISO 8601 with an offset "
                    + "(e.g. \"2026-01-06T10:00:00-05:00\"), got \"\(text)\"")
        }
        return date
    }

    func array(_ key: String) throws(ScenarioFormatError) -> [JSONValue]? {
        guard let value = members[key] else { return nil }
        guard case .array(let elements) = value else {
            throw error(key, "must be an array, got \(describe(value))")
        }
        return elements
    }

    func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .object, .array: return value.typeName
        default: return JSONWriter.string(value)
        }
    }
}
