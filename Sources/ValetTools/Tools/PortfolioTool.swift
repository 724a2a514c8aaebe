import FoundationEssentials
import MCPKit

/// `portfolio`: the account type, balances and positions in one call, with the total unrealized P&L.
enum PortfolioTool {
    static let dataSchema = Schemas.object([
        "account_type": ["type": ["string", "null"], "enum": ["PAPER", "LIVE", nil]],
        "summary": Render.summarySchema, "positions": PositionsTool.dataSchema,
        "unrealized_pnl": Schemas.decimal, "environment": Schemas.environment, "dry_run": ["type": "boolean"],
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "portfolio", title: "Portfolio",
            description: "The account type (PAPER or LIVE), balances and positions, with the total unrealized P&L.",
            data: dataSchema, annotations: .readOnly(title: "Portfolio")
        ) { _, _, broker in
            let identity = try await broker.accountIdentity()
            let summary = try await broker.accountSummary()
            let positions = try await broker.positionsToShow()
            let pnl = positions.reduce(Decimal(0)) { $0 + ($1.unrealizedPnL ?? 0) }
            var object: [String: JSONValue] = [
                "account_type": identity.isPaper.map { .string($0 ? "PAPER" : "LIVE") } ?? .null,
                "summary": Render.summary(summary), "positions": .array(positions.map(Render.position)),
                "unrealized_pnl": Render.decimal(pnl),
            ]
            object.merge(environment.json) { _, new in new }
            return .object(object)
        }
    }
}
