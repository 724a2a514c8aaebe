import FoundationEssentials
import MCPKit
import TradingDomain

/// `market_status`: whether NYSE's regular session is open now, why not, and when it next opens and closes.
/// Pure: no gateway call, so it answers even when the gateway is down.
enum MarketStatusTool {
    static let dataSchema: JSONValue = [
        "type": "object",
        "properties": [
            "market_open": ["type": "boolean"],
            "exchange": ["type": "string"],
            "status": ["type": "string", "description": "A sentence: open, or closed and why."],
            "now": ["type": "string", "description": "ISO 8601 with the exchange's offset."],
            "session": [
                "type": ["object", "null"],
                "properties": [
                    "date": ["type": "string"], "open": ["type": "string"], "close": ["type": "string"],
                    "early_close": ["type": "boolean"],
                ],
            ],
            "next_open": ["type": ["string", "null"]],
            "next_close": ["type": ["string", "null"]],
        ],
        "required": ["market_open", "exchange", "status", "now", "session", "next_open", "next_close"],
    ]

    static func make(_ environment: ToolEnvironment) -> Tool {
        var tool = Tool(
            name: "market_status",
            title: "Market status",
            description: """
                Whether the NYSE regular session (09:30–16:00 New York, 13:00 on early-close days) is open now, \
                why not (weekend, holiday, after the close), and when it next opens and closes. Needs no gateway.
                """,
            outputSchema: ToolEnvelope.outputSchema(data: dataSchema),
            annotations: .readOnly(title: "Market status", openWorld: false)
        ) { arguments, _ in
            try await ToolRun.envelope {
                _ = try ToolArguments(arguments, known: [])
                return data(at: environment.now(), calendar: environment.calendar)
            }
        }
        // Arguments the schema refuses (`{"extra": 1}`) answer in the envelope, like every other tool's.
        tool.invalidArguments = ToolFailure.schemaProblems
        return tool
    }

    static func data(at instant: Date, calendar: ExchangeCalendar) -> JSONValue {
        let status = calendar.status(at: instant)
        let session: JSONValue =
            status.session.map { session in
                [
                    "date": .string(session.date.description),
                    "open": .string(calendar.iso8601(session.open)),
                    "close": .string(calendar.iso8601(session.close)),
                    "early_close": .bool(session.isEarlyClose),
                ]
            } ?? .null
        return [
            "market_open": .bool(status.isOpen),
            "exchange": .string(calendar.identifier),
            "status": .string(status.description),
            "now": .string(calendar.iso8601(instant)),
            "session": session,
            "next_open": status.nextOpen.map { .string(calendar.iso8601($0)) } ?? .null,
            "next_close": status.nextClose.map { .string(calendar.iso8601($0)) } ?? .null,
        ]
    }
}
