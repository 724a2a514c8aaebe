/// One `valet` subcommand.
protocol Command {
    var spec: ArgumentSpec { get }
    /// Runs with parsed arguments and returns the process exit status.
    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32
}

/// Where commands write: standard output for results, standard error for diagnostics. Injected so tests can
/// capture both.
struct ConsoleIO: Sendable {
    var out: @Sendable (String) -> Void
    var err: @Sendable (String) -> Void
}
