import MCPKit

/// `account_summary`: the account's balances as decimal strings (null when IBKR did not report one).
enum AccountSummaryTool {
    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "account_summary", title: "Account summary",
            description: "Balances of the account: available funds, net liquidation value and buying power.",
            data: Render.summarySchema, annotations: .readOnly(title: "Account summary")
        ) { _, _, broker in
            Render.summary(try await broker.accountSummary())
        }
    }
}
