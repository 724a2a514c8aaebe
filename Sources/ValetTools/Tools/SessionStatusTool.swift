import MCPKit
import TradingDomain
import TradingSafety

/// `session_status`: the gateway session, the account and whether it is paper, the environment, and the guards'
/// posture. An unauthenticated or unreachable session is reported, not an error.
enum SessionStatusTool {
    static let dataSchema = Schemas.object(
        [
            "authenticated": ["type": "boolean"], "connected": ["type": "boolean"], "competing": ["type": "boolean"],
            "server_version": Schemas.stringOrNull, "session_message": Schemas.stringOrNull,
            "session_error": Schemas.stringOrNull,
            "account_id": Schemas.stringOrNull, "is_paper": Schemas.boolOrNull,
            "account_type": ["type": ["string", "null"], "enum": ["PAPER", "LIVE", nil]],
            "identity_verified": ["type": "boolean"], "warning": Schemas.stringOrNull,
            "environment": Schemas.environment, "dry_run": ["type": "boolean"],
            "live_trading_armed": ["type": "boolean"], "confirmation_required": ["type": "boolean"],
            "allowlist_active": ["type": "boolean"], "daily_cap_configured": ["type": "boolean"],
            "max_order_value": Schemas.decimal, "remaining_daily_budget": Schemas.decimalOrNull,
            "market_open": ["type": "boolean"],
            "unresolved_orders": [
                "type": "array",
                "items": Schemas.object([
                    "symbol": ["type": "string"], "side": ["type": "string"], "size": Schemas.decimalOrNull,
                    "summary": ["type": "string"],
                ]),
            ],
            "trade_stops": Schemas.strings, "safe_to_trade": ["type": "boolean"],
            "daily_cap_warning": Schemas.stringOrNull, "warnings": Schemas.strings,
        ])

    static let liveWarning =
        "LIVE account — orders placed here move REAL money. Confirm symbol, side and amount with the user before"
        + " sending."

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "session_status", title: "Session status",
            description: """
                The IBKR gateway session (logged in, connected, competing), the account and whether it is paper \
                or LIVE, the environment (twin, replay, live-paper, live-real), and the safety posture: dry run, \
                caps, unresolved orders and anything that should stop trading now. Call it first.
                """,
            data: dataSchema, annotations: .readOnly(title: "Session status")
        ) { _, _, broker in
            await data(broker: broker, environment: environment)
        }
    }

    static func data(broker: GuardedBroker, environment: ToolEnvironment) async -> JSONValue {
        var session: SessionStatus?
        var sessionError: JSONValue = .null
        do {
            session = try await broker.sessionStatus()
        } catch {
            sessionError = .string(ToolFailure.from(error).message)
        }
        let identityResult = session?.authenticated == true ? await broker.accountIdentityResult() : nil
        let identity = try? identityResult?.get()
        let posture = await broker.posture(session: session, identity: identityResult)
        let policy = broker.policy
        let isPaper = identity?.isPaper
        var object: [String: JSONValue] = [
            "authenticated": .bool(session?.authenticated ?? false), "connected": .bool(session?.connected ?? false),
            "competing": .bool(session?.competing ?? false), "server_version": Render.string(session?.serverVersion),
            "session_message": Render.string(session?.message), "session_error": sessionError,
            "account_id": Render.string(identity?.selectedAccount?.value),
            "is_paper": isPaper.map { .bool($0) } ?? .null,
            "account_type": isPaper.map { .string($0 ? "PAPER" : "LIVE") } ?? .null,
            "identity_verified": .bool(posture.accountVerified),
            "warning": isPaper == false
                ? .string(liveWarning) : .null,
            "live_trading_armed": .bool(policy.allowLive),
            "confirmation_required": .bool(await environment.needsPersonApproval()),
            "allowlist_active": .bool(posture.allowListActive),
            "daily_cap_configured": .bool(posture.maxDailyValue != nil),
            "max_order_value": Render.decimal(posture.maxOrderValue),
            "remaining_daily_budget": Render.decimal(posture.remainingDailyBudget),
            "market_open": .bool(posture.isMarketOpen),
            "unresolved_orders": .array(
                posture.unresolvedOrders.map { print in
                    [
                        "symbol": .string(print.symbol.value), "side": .string(print.side.rawValue),
                        "size": Render.decimal(print.quantity ?? print.cashAmount), "summary": .string(print.summary),
                    ]
                }),
            "trade_stops": .array(posture.tradeStops.map { .string($0) }),
            "safe_to_trade": .bool(posture.safeToTrade),
            "daily_cap_warning": policy.allowLive && policy.maxDailyValue == nil
                ? "No daily spend cap set (MAX_DAILY_VALUE): only the per-order cap applies." : .null,
            "warnings": .array(posture.warnings.map { .string($0) }),
        ]
        object.merge(environment.json) { _, new in new }
        return .object(object)
    }
}
