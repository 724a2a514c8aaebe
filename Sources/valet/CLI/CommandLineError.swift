/// A mistake on the command line: printed with a pointer to `--help`, and the process exits with status 2.
struct CommandLineError: Error, Equatable {
    var message: String
    var command: String?

    init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    var text: String {
        let help = command.map { "valet \($0) --help" } ?? "valet help"
        return "valet: \(message)\nRun '\(help)' for usage."
    }
}
