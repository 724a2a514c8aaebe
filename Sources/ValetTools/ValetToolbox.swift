import Foundation
import MCPKit

/// The tools Valet offers an agent, and the instructions that tell the agent what it is talking to.
public enum ValetToolbox {
    public static let instructions = """
        Valet trades on Interactive Brokers through IBKR's Client Portal API. Every order passes safety guards \
        (paper account only unless live trading is armed, dry-run by default, per-order and daily caps, duplicate \
        guard, trading hours). Read a tool's result field "ok" before acting on it.
        """

    public static func tools(_ environment: ToolEnvironment) -> [Tool] {
        [MarketStatusTool.make(environment)]
    }
}
