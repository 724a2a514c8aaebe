import FoundationEssentials

/// The `valet` command line: finds the subcommand, parses its arguments and runs it. Hand-written, since Valet
/// uses no packages; every mistake is reported with what to do and exit status 2.
enum ValetCLI {
    static let version = "0.1.0"

    static var commands: [any Command] {
        [
            ServeCommand(), TwinServeCommand(), ScenarioRunCommand(factory: ScenarioComposition.factory),
            HealthcheckCommand(), KeepaliveCommand(), ConfirmCommand(), CalendarCommand(), BenchCommand(),
        ]
    }

    static func run(_ arguments: [String], io: ConsoleIO) async -> Int32 {
        var rest = Array(arguments.dropFirst())
        guard let first = rest.first else {
            io.err(overview)
            return 2
        }
        rest.removeFirst()
        switch first {
        case "--version", "version":
            io.out("valet \(version)")
            return 0
        case "help", "--help", "-h":
            guard let name = rest.first else {
                io.out(overview)
                return 0
            }
            if name == "help" {
                io.out(helpUsage)
                return 0
            }
            guard let command = commands.first(where: { $0.spec.command == name }) else {
                io.err(CommandLineError("unknown command '\(name)'").text)
                return 2
            }
            io.out(command.spec.helpText)
            return 0
        default:
            guard let command = commands.first(where: { $0.spec.command == first }) else {
                let hint = first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'"
                io.err(CommandLineError(hint).text)
                return 2
            }
            if rest.contains("--help") || rest.contains("-h") {
                io.out(command.spec.helpText)
                return 0
            }
            do {
                let parsed = try command.spec.parse(rest)
                return try await command.run(parsed, io: io)
            } catch let error as CommandLineError {
                io.err(error.text)
                return 2
            } catch {
                io.err("valet \(first): \(error)")
                return 1
            }
        }
    }

    /// The text of `valet help help`: help is a command too, so it explains itself like the others.
    static var helpUsage: String {
        let names = (commands.map(\.spec.command) + ["help"]).joined(separator: ", ")
        return [
            "Show the overview of every command, or one command's usage and options.",
            "",
            "Usage: valet help [COMMAND]",
            "",
            "Arguments:",
            "  \("COMMAND".padded(to: 22))One of \(names). Same as valet COMMAND --help.",
        ].joined(separator: "\n")
    }

    static var overview: String {
        var lines = [
            "valet \(version): an MCP server that trades on Interactive Brokers behind safety guards,",
            "with a deterministic twin of IBKR's Client Portal Gateway.",
            "",
            "Usage: valet <command> [options]",
            "",
            "Commands:",
        ]
        for command in commands {
            lines.append(
                "  \(command.spec.command.padded(to: 12))\(command.spec.summary)")
        }
        lines.append(
            "  \("help".padded(to: 12))Show this overview, or a command's help: valet help <command>"
        )
        lines.append("")
        lines.append("Options: --version, --help. Each command takes --help.")
        return lines.joined(separator: "\n")
    }
}
