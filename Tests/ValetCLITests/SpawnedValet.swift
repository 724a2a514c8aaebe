import Foundation

/// The built `valet` binary running as a child process with its three standard streams on pipes: the one way the
/// CLI tests start it (end of input, SIGTERM, scratch clean-up). Its pipes block, so use it off the cooperative pool.
struct SpawnedValet {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()

    /// Starts `binary ARGUMENTS` with this process's environment changed by `environment` (nil removes a key).
    init(_ binary: URL, _ arguments: [String], environment changes: [String: String?]) throws {
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in changes { environment[key] = value }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// Writes one line to the child's standard input.
    func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// Standard output, line by line.
    var lines: ServeEndOfInputTests.Lines { ServeEndOfInputTests.Lines(output.fileHandleForReading) }
}
