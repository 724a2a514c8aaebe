import TradingDomain

/// `valet calendar FROM TO [--json]`: NYSE trading days with their open and close.
struct CalendarCommand: Command {
    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "calendar",
            summary: "Print NYSE trading days with their open and close (ISO 8601 with offset).",
            usage: "valet calendar FROM TO [--json]",
            options: [
                .init(name: "--json", valueName: nil, help: "Print a JSON array of {\"date\",\"open\",\"close\"}.")
            ],
            positionalHelp: [("FROM", "First date, YYYY-MM-DD."), ("TO", "Last date, YYYY-MM-DD (inclusive).")],
            minimumPositionals: 2,
            maximumPositionals: 2
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        do {
            let report = try CalendarReport.render(
                from: arguments.positionals[0],
                to: arguments.positionals[1],
                json: arguments.flag("--json")
            )
            // The report ends in a newline; `io.out` adds one of its own.
            if !report.isEmpty { io.out(String(report.dropLast())) }
            return 0
        } catch {
            throw CommandLineError(error.message, command: "calendar")
        }
    }
}
