import MCPKit

/// Schema fragments shared by the tools. Money and quantities are strings of decimals, never floats.
enum Schemas {
    static let decimal: JSONValue = ["type": "string", "description": "A decimal number as text."]
    static let decimalOrNull: JSONValue = ["type": ["string", "null"], "description": "A decimal number as text."]
    static let stringOrNull: JSONValue = ["type": ["string", "null"]]
    static let boolOrNull: JSONValue = ["type": ["boolean", "null"]]
    static let strings: JSONValue = ["type": "array", "items": ["type": "string"]]
    static let environment: JSONValue = [
        "type": "string", "enum": .array(EnvironmentName.allCases.map { .string($0.rawValue) }),
        "description": "twin, replay, live-paper or live-real (real money).",
    ]
    static let status: JSONValue = [
        "type": "string",
        "enum": ["pending", "submitted", "filled", "cancelled", "rejected", "inactive", "unknown"],
    ]

    /// An object schema; every listed property is required.
    static func object(_ properties: [String: JSONValue], optional: [String] = []) -> JSONValue {
        let required = properties.keys.filter { !optional.contains($0) }.sorted()
        return [
            "type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
        ]
    }

    /// An order as the broker reports it (order_status, open_orders, cancel_order).
    static let orderProperties: [String: JSONValue] = [
        "order_id": stringOrNull, "client_order_id": stringOrNull, "status": status, "broker_status": stringOrNull,
        "symbol": stringOrNull, "side": stringOrNull, "order_type": stringOrNull, "quantity": decimalOrNull,
        "filled_quantity": decimalOrNull, "remaining_quantity": decimalOrNull, "avg_price": decimalOrNull,
        "limit_price": decimalOrNull, "stop_price": decimalOrNull, "time_in_force": stringOrNull,
        "message": stringOrNull,
    ]
    static let order = object(orderProperties)

    /// The result of a placement (buy, sell, stops, bracket, modify, close): the reference's OrderResult fields
    /// plus the environment, the dry-run flag, the journal id and the estimated value.
    static let placementProperties: [String: JSONValue] = [
        "order_id": stringOrNull, "client_order_id": stringOrNull, "status": status, "symbol": stringOrNull,
        "side": stringOrNull, "order_type": stringOrNull, "quantity": decimalOrNull, "cash_amount": decimalOrNull,
        "limit_price": decimalOrNull, "stop_price": decimalOrNull, "trail_amount": decimalOrNull,
        "trail_percent": decimalOrNull, "time_in_force": stringOrNull, "filled_quantity": decimalOrNull,
        "avg_price": decimalOrNull, "notional": decimalOrNull, "is_exit": ["type": "boolean"],
        "message": ["type": "string"], "broker_message": stringOrNull, "notes": strings,
        "journal_warning": stringOrNull, "environment": environment, "dry_run": ["type": "boolean"],
        "legs": [
            "type": "array",
            "items": object([
                "leg": stringOrNull, "order_id": ["type": "string"], "client_order_id": stringOrNull,
                "status": status, "message": stringOrNull,
            ]),
        ],
    ]
    static let placement = object(placementProperties)
}
