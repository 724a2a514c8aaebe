import Foundation
import MCPKit
import ValetTools

/// Assembles the MCP server that `valet serve` runs: identity, instructions and the tool set over the stack.
enum ServerComposition {
    static func makeServer(_ assembled: ServeSetup.Assembled, pageSize: Int = 50) -> MCPServer {
        MCPServer(
            info: ServerInfo(
                name: "valet",
                version: ValetCLI.version,
                title: "Valet",
                description: "Trades on Interactive Brokers through the Client Portal API, behind safety guards."
            ),
            instructions: ValetToolbox.instructions,
            tools: ValetToolbox.tools(ToolEnvironment(now: assembled.now)),
            pageSize: pageSize
        )
    }
}
