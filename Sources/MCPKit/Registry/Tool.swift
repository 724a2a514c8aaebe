/// One tool the server offers: its schemas, hints and the code that runs it.
public struct Tool: Sendable {
    public typealias Handler =
        @Sendable (_ arguments: [String: JSONValue], _ context: ToolContext) async throws ->
        CallToolResult

    public let name: String
    public var title: String?
    public var description: String
    /// A JSON Schema object. Arguments are checked against it before `handler` runs.
    public var inputSchema: JSONValue
    /// When set, every successful result's `structuredContent` must conform (the server checks).
    public var outputSchema: JSONValue?
    public var annotations: ToolAnnotations
    public var handler: Handler
    /// How a call whose arguments break `inputSchema` is answered (the handler does not run). Receives each problem
    /// as `arguments.<name>: <what is wrong>`. Nil answers with a plain text error result.
    public var invalidArguments: (@Sendable (_ problems: [String]) -> CallToolResult)?
    /// The tool mostly waits on the outside world (polling an order until it fills). It takes none of the slots
    /// bounded reads share, and it is cancelled when the client's input ends, since no answer can be read then.
    public var waitsLong = false

    public init(
        name: String,
        title: String? = nil,
        description: String,
        inputSchema: JSONValue = ["type": "object", "properties": [:], "additionalProperties": false],
        outputSchema: JSONValue? = nil,
        annotations: ToolAnnotations,
        handler: @escaping Handler
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.handler = handler
    }

    /// The `Tool` object of `tools/list` for a negotiated revision.
    func json(structured: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "description": .string(description),
            "inputSchema": inputSchema,
            "annotations": annotations.json,
        ]
        if structured {
            if let title { object["title"] = .string(title) }
            if let outputSchema { object["outputSchema"] = outputSchema }
        }
        return .object(object)
    }
}
