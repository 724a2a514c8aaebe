import Foundation
import MCPKit
import ValetTools

/// `valet serve`: the MCP server on standard input and output.
struct ServeCommand: Command {
    var spec: ArgumentSpec {
        ArgumentSpec(
            command: "serve",
            summary: "Run the MCP server over stdio (protocol on stdout, logs on stderr).",
            usage: "valet serve [--page-size N]",
            options: [
                .init(name: "--page-size", valueName: "N", help: "Tools per tools/list page (default 50).")
            ]
        )
    }

    func run(_ arguments: ArgumentSpec.Parsed, io: ConsoleIO) async throws -> Int32 {
        var pageSize = 50
        if let raw = arguments.values["--page-size"] {
            guard let value = Int(raw), (1...1000).contains(value) else {
                throw CommandLineError(
                    "--page-size must be a whole number from 1 to 1000, got '\(raw)'", command: "serve")
            }
            pageSize = value
        }
        let server = ServerComposition.makeServer(pageSize: pageSize)
        await server.serve(StdioTransport())
        return 0
    }
}
