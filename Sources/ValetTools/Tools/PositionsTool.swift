import MCPKit

/// `positions`: every holding with a non-zero quantity (negative means short).
enum PositionsTool {
    static let dataSchema: JSONValue = ["type": "array", "items": Render.positionSchema]

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "positions", title: "Positions",
            description: """
                Holdings with a non-zero quantity (negative = short), with average cost, market price and value \
                and unrealized P&L. IBKR's positions can lag a fill by tens of seconds.
                """,
            data: dataSchema, annotations: .readOnly(title: "Positions")
        ) { _, _, broker in
            .array(try await broker.positionsToShow().map(Render.position))
        }
    }
}
