import MCPKit

/// `pnl`: the account's profit and loss today, unrealized and realized, as decimal strings (null when IBKR did not
/// report one).
enum PnlTool {
    static let dataSchema = Schemas.object([
        "account_id": ["type": "string"], "daily": Schemas.decimalOrNull, "unrealized": Schemas.decimalOrNull,
        "realized": Schemas.decimalOrNull, "net_liquidation": Schemas.decimalOrNull,
        "market_value": Schemas.decimalOrNull,
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "pnl", title: "Profit and loss",
            description: """
                The account's profit and loss: today's (daily), unrealized on open positions, and realized, with \
                net liquidation and market value.
                """,
            data: dataSchema, annotations: .readOnly(title: "Profit and loss")
        ) { _, _, broker in
            let pnl = try await broker.profitAndLoss()
            return [
                "account_id": .string(pnl.accountID), "daily": Render.decimal(pnl.daily),
                "unrealized": Render.decimal(pnl.unrealized), "realized": Render.decimal(pnl.realized),
                "net_liquidation": Render.decimal(pnl.netLiquidation), "market_value": Render.decimal(pnl.marketValue),
            ]
        }
    }
}
