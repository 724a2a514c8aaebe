import MCPKit
import TradingDomain

/// `close_position`: closes the whole position at the market, cancelling resting orders on the closing side first
/// (a stop left behind could later open a short), and reports what it cancelled.
enum ClosePositionTool {
    static let dataSchema: JSONValue = {
        var properties = Schemas.placementProperties
        properties["closed"] = ["type": "boolean", "description": "True when a closing order was sent or dry-run."]
        properties["reason"] = ["type": ["string", "null"], "description": "Why nothing was closed."]
        properties["cancelled_orders"] = [
            "type": "array", "items": ["type": "string"],
            "description": "Resting orders on the closing side cancelled first (in a dry run: that would be).",
        ]
        properties["status"] = ["type": ["string", "null"]]
        properties["message"] = ["type": ["string", "null"]]
        properties["is_exit"] = ["type": ["boolean", "null"]]
        return Schemas.object(
            properties,
            optional: Array(Schemas.placementProperties.keys.filter { $0 != "environment" && $0 != "dry_run" }))
    }()

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "close_position", title: "Close position",
            description: """
                Closes the whole position in symbol with a market order on the opposite side. Resting orders on \
                the closing side (protective stops, bracket exits) are cancelled first and listed in \
                cancelled_orders, so none can later fire into a short (they do not hold the close back). A second \
                close_position of the same symbol within 45 s is refused with an error (positions can lag a fill).
                """,
            arguments: ["symbol": ToolFactory.symbol()],
            required: ["symbol"], data: dataSchema, annotations: .destructive(title: "Close position")
        ) { arguments, context, broker in
            let symbol = try arguments.symbol()
            // The close must sell what the person approved: a position that changed in between is refused.
            let approvedHeld = try await LiveConfirmation.checkClose(environment, context: context, symbol: symbol)
            switch try await broker.closePosition(symbol, approvedHeld: approvedHeld) {
            case .nothingToClose(let reason):
                var object = environment.json
                object["closed"] = false
                object["reason"] = .string(reason)
                object["symbol"] = .string(symbol.value)
                object["cancelled_orders"] = []
                return .object(object)
            case .placed(let result, let cancelled):
                guard case .object(var object) = Render.placement(result, environment: environment) else {
                    return .null
                }
                object["closed"] = true
                object["reason"] = .null
                object["cancelled_orders"] = .array(cancelled.map { .string($0.value) })
                return .object(object)
            }
        }
    }
}
