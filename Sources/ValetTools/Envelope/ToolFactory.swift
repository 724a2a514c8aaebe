import MCPKit
import TradingSafety

/// Builds a Valet tool: the input schema from its argument table (unknown arguments refused), the output schema
/// from its data schema, and a handler that checks the arguments, needs the broker, and answers in the envelope.
enum ToolFactory {
    typealias Body = @Sendable (ToolArguments, ToolContext, GuardedBroker) async throws -> JSONValue

    static func make(
        _ environment: ToolEnvironment,
        name: String,
        title: String,
        description: String,
        arguments: [String: JSONValue] = [:],
        required: [String] = [],
        data: JSONValue,
        annotations: ToolAnnotations,
        body: @escaping Body
    ) -> Tool {
        let known = arguments.keys.sorted()
        var input: [String: JSONValue] = [
            "type": "object", "properties": .object(arguments), "additionalProperties": false,
        ]
        if !required.isEmpty { input["required"] = .array(required.map { .string($0) }) }
        var tool = Tool(
            name: name, title: title, description: description, inputSchema: .object(input),
            outputSchema: ToolEnvelope.outputSchema(data: data), annotations: annotations
        ) { raw, context in
            try await ToolRun.envelope {
                let checked = try ToolArguments(raw, known: known)
                guard let broker = environment.broker else { throw ToolFailure.noGateway }
                return try await body(checked, context, broker)
            }
        }
        tool.invalidArguments = ToolFailure.schemaProblems
        return tool
    }

    // Argument schemas, with the reference's descriptions.
    static func symbol(_ text: String = "Ticker symbol, e.g. AAPL or BRK.B.") -> JSONValue {
        ["type": "string", "description": .string(text)]
    }
    /// A number, given as a JSON number or as a decimal string (the form results use: `"0.2631"`), read exactly.
    static func number(_ text: String) -> JSONValue {
        ["type": ["number", "string"], "description": .string(text + numberNote)]
    }
    static func optionalNumber(_ text: String) -> JSONValue {
        ["type": ["number", "string", "null"], "description": .string(text + numberNote)]
    }
    /// A whole number, also as text (`"20"`); null for the default.
    static func optionalInteger(_ text: String) -> JSONValue {
        ["type": ["integer", "string", "null"], "description": .string(text)]
    }
    static let numberNote = " A number, or a decimal string as results give them (\"50\", \"0.25\")."
    static let side: JSONValue = [
        "type": "string", "enum": ["BUY", "SELL", "buy", "sell"], "description": "BUY or SELL.",
    ]
    static let optionalSide: JSONValue = [
        "type": ["string", "null"], "enum": ["BUY", "SELL", "buy", "sell", nil], "description": "BUY or SELL.",
    ]
    static let orderID: JSONValue = [
        "type": ["string", "integer"],
        "description": "The broker's order id, as a result gave it (\"1234\" or 1234).",
    ]
    static let timeInForce: JSONValue = [
        "type": ["string", "null"], "enum": ["GTC", "DAY", "gtc", "day", nil],
        "description": "GTC (default: the protection outlives the trading day) or DAY.",
    ]
}
