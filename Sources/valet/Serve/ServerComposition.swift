import FoundationEssentials
import MCPKit
import TradingSafety
import ValetTools

/// Assembles the MCP server that `valet serve` runs: identity, instructions, tools, resources and prompts over
/// the trading stack. Nothing here knows which gateway is behind the stack.
enum ServerComposition {
    static let info = ServerInfo(
        name: "valet",
        version: ValetCLI.version,
        title: "Valet",
        description: "Trades on Interactive Brokers through the Client Portal API, behind safety guards."
    )

    static func environment(_ assembled: ServeSetup.Assembled) -> ToolEnvironment {
        ToolEnvironment(
            broker: assembled.stack.guarded,
            name: assembled.environmentName,
            now: assembled.now,
            sleep: assembled.sleep,
            approvals: ApprovalStore(url: ApprovalStore.url(besideJournal: assembled.journalURL))
        )
    }

    static func makeServer(_ assembled: ServeSetup.Assembled, pageSize: Int = 50) -> MCPServer {
        ValetToolbox.server(environment(assembled), info: info, pageSize: pageSize)
    }
}
