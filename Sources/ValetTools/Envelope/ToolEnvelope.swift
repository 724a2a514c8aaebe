import MCPKit

/// Every Valet tool answers `{"ok": true, "data": …}` or `{"ok": false, "error": {"code", "message", "hint"}}`,
/// so an agent reads one field before acting. The output schema of every tool is built here from its data schema.
public enum ToolEnvelope {
    /// A success result.
    public static func success(_ data: JSONValue) -> CallToolResult {
        .structured(["ok": true, "data": data])
    }

    /// A failure result: what failed, and what to do next.
    public static func failure(code: String, message: String, hint: String) -> CallToolResult {
        .structured(
            ["ok": false, "error": ["code": .string(code), "message": .string(message), "hint": .string(hint)]],
            isError: true
        )
    }

    static let errorSchema: JSONValue = [
        "type": "object",
        "properties": [
            "code": ["type": "string", "description": "A stable machine-readable reason."],
            "message": ["type": "string", "description": "What failed and why."],
            "hint": ["type": "string", "description": "What to do next."],
            "argument": ["type": "string", "description": "The argument at fault, for bad input."],
            "broker_message": ["type": "string", "description": "IBKR's own words, verbatim."],
            "approval_reference": [
                "type": "string",
                "description":
                    "A live real-money order waiting for a person: the reference they pass to valet confirm.",
            ],
        ],
        "required": ["code", "message", "hint"],
    ]

    /// The output schema for a tool whose `data` follows `dataSchema`.
    public static func outputSchema(data dataSchema: JSONValue) -> JSONValue {
        [
            "type": "object",
            "properties": [
                "ok": ["type": "boolean", "description": "True when the tool did what was asked."],
                "data": dataSchema,
                "error": errorSchema,
            ],
            "required": ["ok"],
        ]
    }
}
