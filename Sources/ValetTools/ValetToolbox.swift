import FoundationEssentials
import MCPKit

/// The tools, resources and prompts Valet offers an agent, and the instructions that tell the agent what it is
/// talking to. Everything comes from one `ToolEnvironment`, so composing a server is one call:
/// `ValetToolbox.server(env, info: info)`.
public enum ValetToolbox {
    /// What every environment's instructions start with.
    private static let preamble = """
        Valet trades on Interactive Brokers through IBKR's Client Portal API. Every order passes safety guards \
        (paper account only unless live trading is armed, dry-run by default, per-order and daily caps, duplicate \
        guard, trading hours). Read a tool's result field "ok" before acting on it.
        """

    /// The instructions, stating the environment (twin, replay, live-paper, live-real) and whether orders are sent.
    public static func instructions(for environment: ToolEnvironment) -> String {
        var text = preamble + "\n" + environment.name.sentence
        if let broker = environment.broker {
            text +=
                broker.policy.dryRun
                ? " Dry run is ON: orders are validated and journaled but NOT sent."
                : " Dry run is OFF: orders that pass the guards are sent."
        }
        // Said whenever live trading is armed: whether the account is real money is the broker's word, read per
        // order (`needsPersonApproval`), not known when the instructions are written.
        if let broker = environment.broker, broker.policy.allowLive, !broker.policy.dryRun {
            text +=
                " On a real-money account every order needs the user's own approval of the exact order: the client"
                + " asks them, or the tool"
                + " answers approval_pending with a reference and the user runs `valet confirm REFERENCE` in a"
                + " terminal; then call the same tool again with the same arguments. No argument approves an order."
        }
        text +=
            "\nStart with session_status. Protective stops (stop_order, trailing_stop) are GTC by default. On an"
            + " error read error.code, error.message and error.hint; after outcome_unknown run reconcile_pending"
            + " instead of resending."
        return text
    }

    /// Every tool. Without a broker only `market_status` is offered.
    public static func tools(_ environment: ToolEnvironment) -> [Tool] {
        let market = MarketStatusTool.make(environment)
        guard environment.broker != nil else { return [market] }
        return [
            SessionStatusTool.make(environment), market, GetQuoteTool.make(environment),
            GetQuotesTool.make(environment), AccountSummaryTool.make(environment), PositionsTool.make(environment),
            PortfolioTool.make(environment), PreviewOrderTool.make(environment), BuyTool.make(environment),
            SellTool.make(environment), ClosePositionTool.make(environment), StopOrderTool.make(environment),
            TrailingStopTool.make(environment), BracketOrderTool.make(environment),
            ModifyOrderTool.make(environment), OrderStatusTool.make(environment), WaitForFillTool.make(environment),
            CancelOrderTool.make(environment), CancelAllOrdersTool.make(environment), OpenOrdersTool.make(environment),
            ExecutionsTool.make(environment), PriceHistoryTool.make(environment), SearchSymbolTool.make(environment),
            PnlTool.make(environment),
            TradeHistoryTool.make(environment), ReconcilePendingTool.make(environment),
        ]
    }

    /// The journal (`valet://journal`) and positions (`valet://positions`) resources; none without a broker.
    public static func resources(_ environment: ToolEnvironment) -> [Resource] {
        ValetResources.all(environment)
    }

    /// The `safe_order` prompt.
    public static func prompts(_ environment: ToolEnvironment) -> [Prompt] {
        [SafeOrderPrompt.make(environment)]
    }

    /// A server offering all of the above.
    public static func server(
        _ environment: ToolEnvironment, info: ServerInfo, pageSize: Int = 50,
        stderr: @escaping @Sendable (String) -> Void = MCPServer.standardError
    ) -> MCPServer {
        MCPServer(
            info: info, instructions: instructions(for: environment), tools: tools(environment),
            resources: resources(environment), prompts: prompts(environment), pageSize: pageSize,
            updates: environment.resourceUpdates, stderr: stderr)
    }
}
