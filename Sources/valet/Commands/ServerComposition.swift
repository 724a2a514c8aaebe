import Foundation
import MCPKit
import ValetTools

/// Assembles the MCP server that `valet serve` runs: identity, instructions and the tool set.
enum ServerComposition {
    static func makeServer(pageSize: Int = 50) -> MCPServer {
        MCPServer(
            info: ServerInfo(
                name: "valet",
                version: ValetCLI.version,
                title: "Valet",
                description: "Trades on Interactive Brokers through the Client Portal API, behind safety guards."
            ),
            instructions: ValetToolbox.instructions,
            tools: ValetToolbox.tools(ToolEnvironment(now: { Date() })),
            pageSize: pageSize
        )
    }
}
