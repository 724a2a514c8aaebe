/// The options and positional arguments one command accepts, and the parser that applies them.
struct ArgumentSpec {
    struct Option {
        var name: String
        var valueName: String?
        var help: String

        var takesValue: Bool { valueName != nil }
    }

    var command: String
    var summary: String
    var usage: String
    var options: [Option] = []
    var positionalHelp: [(name: String, help: String)] = []
    var minimumPositionals = 0
    var maximumPositionals = 0

    /// The parsed form: option values by name (flags map to "true") and positionals in order.
    struct Parsed: Equatable {
        var values: [String: String] = [:]
        var positionals: [String] = []

        func flag(_ name: String) -> Bool { values[name] != nil }
    }

    func parse(_ arguments: [String]) throws(CommandLineError) -> Parsed {
        var parsed = Parsed()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = options.first(where: { $0.name == name }) else {
                throw CommandLineError("unknown option '\(name)' for '\(command)'", command: command)
            }
            if option.takesValue {
                if let inlineValue {
                    parsed.values[name] = inlineValue
                } else if index < arguments.count {
                    parsed.values[name] = arguments[index]
                    index += 1
                } else {
                    throw CommandLineError(
                        "option '\(name)' needs a value (\(option.valueName ?? "VALUE"))", command: command)
                }
                if parsed.values[name]?.isEmpty == true {
                    throw CommandLineError("option '\(name)' needs a non-empty value", command: command)
                }
            } else {
                if inlineValue != nil {
                    throw CommandLineError("option '\(name)' takes no value", command: command)
                }
                parsed.values[name] = "true"
            }
        }
        if parsed.positionals.count < minimumPositionals {
            let names = positionalHelp.map(\.name).joined(separator: " ")
            throw CommandLineError("'\(command)' needs \(names)", command: command)
        }
        if parsed.positionals.count > maximumPositionals {
            let extra = parsed.positionals[maximumPositionals]
            throw CommandLineError("unexpected argument '\(extra)' for '\(command)'", command: command)
        }
        return parsed
    }

    /// The text of `valet <command> --help`.
    var helpText: String {
        var lines = ["\(summary)", "", "Usage: \(usage)"]
        if !positionalHelp.isEmpty {
            lines.append("")
            lines.append("Arguments:")
            for item in positionalHelp {
                lines.append("  \(item.name.padded(to: 22))\(item.help)")
            }
        }
        lines.append("")
        lines.append("Options:")
        for option in options + [Option(name: "--help", valueName: nil, help: "Show this help.")] {
            let left = option.name + (option.valueName.map { " \($0)" } ?? "")
            lines.append("  \(left.padded(to: 22))\(option.help)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text followed by spaces up to `width` characters, or cut to `width` (help columns).
    func padded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}
