import MCPKit

/// `trade_history`: the last journal lines (intents, outcomes, resolutions). Needs no gateway call.
enum TradeHistoryTool {
    static let dataSchema: JSONValue = [
        "type": "array",
        "items": [
            "type": "object",
            "properties": ["kind": ["type": "string"], "client_order_id": ["type": "string"]],
            "required": ["kind", "client_order_id"],
        ],
    ]

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "trade_history", title: "Trade history",
            description: """
                The last limit lines (default 50, 0 = all) of the trade journal: every order attempt's intent, \
                outcome (sent, rejected, unknown, not_sent, dry_run, blocked) and resolution.
                """,
            arguments: [
                "limit": ToolFactory.optionalInteger("How many lines, 0 to 10000 (0 = all).")
            ],
            data: dataSchema, annotations: .readOnly(title: "Trade history", openWorld: false)
        ) { arguments, _, broker in
            let limit = try arguments.integer("limit", in: 0...10_000, default: 50)
            return .array(
                await broker.tradeHistory(limit: limit).map { Render.journal($0, calendar: environment.calendar) })
        }
    }
}
