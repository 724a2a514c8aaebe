import MCPKit

/// `safe_order`: walks an agent through one order the safe way: check, preview, confirm, place, wait, verify.
enum SafeOrderPrompt {
    static func make(_ environment: ToolEnvironment) -> Prompt {
        Prompt(
            name: "safe_order", title: "Place an order safely",
            description: "Step by step: session, quote, preview, the user's confirmation, placement, fill.",
            arguments: [
                .init(name: "symbol", description: "Ticker, e.g. AAPL", required: true),
                .init(name: "side", description: "BUY or SELL (default BUY)"),
                .init(name: "amount", description: "Shares (e.g. 2) or money (e.g. $50 for a cash BUY)"),
            ]
        ) { arguments in
            let symbol = arguments["symbol"] ?? "the symbol"
            let side = (arguments["side"] ?? "BUY").uppercased()
            let amount = arguments["amount"].map { " (\($0))" } ?? ""
            let realMoney =
                environment.name.isRealMoney
                ? " This is a LIVE account: orders move REAL money, so the user must confirm the exact order."
                : ""
            let text = """
                Place a \(side) order for \(symbol)\(amount) safely. \(environment.name.sentence)\(realMoney)
                1. Call session_status. Stop if safe_to_trade is false, and tell the user why (trade_stops).
                2. Call market_status and get_quote for \(symbol); say if the market is closed or there is no price.
                3. Call preview_order with the exact arguments you intend to send. Stop if guards.allowed is false.
                4. Show the user symbol, side, size, order type, estimated cost or proceeds, and the environment; \
                ask them to confirm. Do not continue without a clear yes.
                5. Place the order with the same arguments (buy, sell, stop_order, …). On a live account the user \
                approves it themselves: in the client's question, or, after error approval_pending, by running \
                valet confirm with its reference in a terminal; then call the same tool again once.
                6. If ok is false, read error.code, error.message and error.hint, tell the user, and do not retry \
                blindly; after outcome_unknown run reconcile_pending instead of resending.
                7. Call wait_for_fill with the order_id, then report the final status and fill price. For a BUY, \
                suggest a protective stop_order (GTC).
                """
            return [["role": "user", "content": ["type": "text", "text": .string(text)]]]
        }
    }
}
