import FoundationEssentials

/// Checks a JSON value against the subset of JSON Schema (2020-12) that Valet's tools use: `type`, `properties`,
/// `required`, `additionalProperties`, `enum`, `const`, numeric and length bounds, `items`, `anyOf`, `oneOf`.
/// It reports the first problems found with the path at fault, worded for a person or an agent to fix.
public struct SchemaValidator: Sendable {
    public init() {}

    /// The problems found, empty when `value` conforms. `path` names the root in messages.
    public func problems(_ value: JSONValue, against schema: JSONValue, path: String = "$") -> [String] {
        var found: [String] = []
        check(value, schema, path, &found)
        return found
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ found: inout [String]) {
        guard case .object(let rules) = schema else { return }
        if let types = rules["type"], !matchesType(value, types) {
            found.append("\(path): expected \(typeDescription(types)), got \(describe(value))")
            return
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(where: { equal($0, value) }) {
            let listed = options.map(JSONWriter.string).joined(separator: ", ")
            found.append("\(path): must be one of \(listed), got \(JSONWriter.string(value))")
        }
        if let constant = rules["const"], !equal(constant, value) {
            found.append("\(path): must be \(JSONWriter.string(constant))")
        }
        checkNumber(value, rules, path, &found)
        checkString(value, rules, path, &found)
        checkArray(value, rules, path, &found)
        checkObject(value, rules, path, &found)
        if let options = rules["anyOf"]?.arrayValue {
            if !options.contains(where: { problems(value, against: $0, path: path).isEmpty }) {
                found.append("\(path): does not match any allowed form")
            }
        }
        if let options = rules["oneOf"]?.arrayValue {
            let matching = options.filter { problems(value, against: $0, path: path).isEmpty }.count
            if matching != 1 {
                found.append("\(path): must match exactly one allowed form (matches \(matching))")
            }
        }
    }

    private func checkNumber(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ found: inout [String])
    {
        guard let number = value.doubleValue else { return }
        if !number.isFinite {
            found.append("\(path): must be a finite number")
            return
        }
        if let minimum = rules["minimum"]?.doubleValue, number < minimum {
            found.append("\(path): must be at least \(format(minimum)), got \(format(number))")
        }
        if let maximum = rules["maximum"]?.doubleValue, number > maximum {
            found.append("\(path): must be at most \(format(maximum)), got \(format(number))")
        }
        if let minimum = rules["exclusiveMinimum"]?.doubleValue, number <= minimum {
            found.append("\(path): must be greater than \(format(minimum)), got \(format(number))")
        }
        if let maximum = rules["exclusiveMaximum"]?.doubleValue, number >= maximum {
            found.append("\(path): must be less than \(format(maximum)), got \(format(number))")
        }
    }

    private func checkString(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ found: inout [String])
    {
        guard case .string(let text) = value else { return }
        if let minimum = rules["minLength"]?.intValue, text.count < minimum {
            found.append("\(path): must be at least \(minimum) characters long")
        }
        if let maximum = rules["maxLength"]?.intValue, text.count > maximum {
            found.append("\(path): must be at most \(maximum) characters long, got \(text.count)")
        }
    }

    private func checkArray(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ found: inout [String]) {
        guard case .array(let elements) = value else { return }
        if let minimum = rules["minItems"]?.intValue, elements.count < minimum {
            found.append("\(path): must have at least \(minimum) items")
        }
        if let maximum = rules["maxItems"]?.intValue, elements.count > maximum {
            found.append("\(path): must have at most \(maximum) items, got \(elements.count)")
        }
        if let itemSchema = rules["items"] {
            for (index, element) in elements.enumerated() {
                check(element, itemSchema, "\(path)[\(index)]", &found)
            }
        }
    }

    private func checkObject(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ found: inout [String])
    {
        guard case .object(let members) = value else { return }
        let properties = rules["properties"]?.objectValue ?? [:]
        for name in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            found.append("\(path).\(name): is required")
        }
        for name in members.keys.sorted() {
            let member = members[name] ?? .null
            if let propertySchema = properties[name] {
                check(member, propertySchema, "\(path).\(name)", &found)
            } else if let additional = rules["additionalProperties"] {
                if additional == .bool(false) {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    found.append("\(path).\(name): is not a known field (known: \(known.isEmpty ? "none" : known))")
                } else {
                    check(member, additional, "\(path).\(name)", &found)
                }
            }
        }
    }

    private func matchesType(_ value: JSONValue, _ types: JSONValue) -> Bool {
        switch types {
        case .string(let name): return matches(value, name)
        case .array(let names): return names.contains { $0.stringValue.map { matches(value, $0) } ?? false }
        default: return true
        }
    }

    private func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("integer", .int): return true
        case ("integer", .double(let number)): return number.isFinite && number.rounded() == number
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }

    private func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.doubleValue, let right = rhs.doubleValue { return left == right }
        return lhs == rhs
    }

    private func typeDescription(_ types: JSONValue) -> String {
        switch types {
        case .string(let name): return name
        case .array(let names): return names.compactMap(\.stringValue).joined(separator: " or ")
        default: return "any"
        }
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text) where text.count > 40: return "string \"\(text.prefix(40))…\""
        case .string(let text): return "string \"\(text)\""
        case .array, .object: return value.typeName
        default: return "\(value.typeName) \(JSONWriter.string(value))"
        }
    }

    private func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
