/// Reads typed option values, with errors that say which option, what was given and what is allowed.
enum OptionValue {
    static func integer(
        _ arguments: ArgumentSpec.Parsed,
        _ name: String,
        default value: Int,
        range: ClosedRange<Int>,
        command: String
    ) throws(CommandLineError) -> Int {
        guard let raw = arguments.values[name] else { return value }
        guard let number = Int(raw), range.contains(number) else {
            throw CommandLineError(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(raw)'",
                command: command
            )
        }
        return number
    }

    static func decimal(
        _ arguments: ArgumentSpec.Parsed,
        _ name: String,
        default value: Double,
        command: String
    ) throws(CommandLineError) -> Double {
        guard let raw = arguments.values[name] else { return value }
        guard let number = Double(raw), number.isFinite, number > 0, number <= 1_000_000 else {
            throw CommandLineError("\(name) must be a positive number up to 1000000, got '\(raw)'", command: command)
        }
        return number
    }
}
