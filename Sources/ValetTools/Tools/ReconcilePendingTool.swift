import MCPKit
import TradingSafety

/// `reconcile_pending`: looks up every order whose outcome is unknown and journals what became of it.
enum ReconcilePendingTool {
    static let dataSchema = Schemas.object([
        "unresolved_before": ["type": "integer"],
        "resolved": [
            "type": "array",
            "items": Schemas.object([
                "client_order_id": ["type": "string"], "symbol": Schemas.stringOrNull, "side": Schemas.stringOrNull,
                "size": Schemas.decimalOrNull, "status": Schemas.status, "order_id": Schemas.stringOrNull,
                "filled_quantity": Schemas.decimalOrNull,
            ]),
        ],
        "still_unresolved": Schemas.strings,
        "resolve_missing_from": Schemas.stringOrNull,
        "error": Schemas.stringOrNull,
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "reconcile_pending", title: "Reconcile pending orders",
            description: """
                Orders whose outcome is unknown (a timeout, a 503) block an identical resend. This looks each one up \
                among IBKR's orders and fills and journals what became of it. resolve_missing=true also accepts \
                orders found nowhere as resolved (they keep counting toward the daily cap), but only once they were sent \
                five minutes ago or more: IBKR's order views lag, so a younger order may still appear \
                (resolve_missing_from says when).
                """,
            arguments: [
                "resolve_missing": [
                    "type": ["boolean", "null"], "description": "Accept orders found nowhere as resolved.",
                ]
            ],
            data: dataSchema,
            annotations: ToolAnnotations(
                title: "Reconcile pending orders", readOnlyHint: false, destructiveHint: false, idempotentHint: true,
                openWorldHint: true)
        ) { arguments, _, broker in
            let report = try await broker.reconcilePending(
                resolveMissing: try arguments.bool("resolve_missing", default: false))
            return [
                "unresolved_before": .int(report.unresolvedBefore),
                "resolved": .array(
                    report.resolved.map { entry in
                        [
                            "client_order_id": .string(entry.clientOrderID.value),
                            "symbol": Render.string(entry.order?.symbol.value),
                            "side": Render.string(entry.order?.side.rawValue), "size": Render.size(entry.order),
                            "status": .string(entry.status.rawValue), "order_id": Render.string(entry.orderID?.value),
                            "filled_quantity": Render.decimal(entry.filledQuantity),
                        ]
                    }),
                "still_unresolved": .array(report.stillUnresolved.map { .string($0.value) }),
                "resolve_missing_from": Render.string(report.missingAcceptableFrom.map(environment.calendar.iso8601)),
                "error": Render.string(report.error.map { ToolFailure.from($0).message }),
            ]
        }
    }
}
