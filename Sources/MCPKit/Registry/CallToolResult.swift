/// What a tool returns: structured JSON (mirrored as a text block for older clients) and whether it failed.
public struct CallToolResult: Sendable, Equatable {
    public var structuredContent: JSONValue?
    /// Content blocks; when empty, the structured content's JSON becomes the one text block.
    public var content: [JSONValue]
    public var isError: Bool

    public init(structuredContent: JSONValue? = nil, content: [JSONValue] = [], isError: Bool = false) {
        self.structuredContent = structuredContent
        self.content = content
        self.isError = isError
    }

    /// A result carrying JSON, with the same JSON as its text block.
    public static func structured(_ value: JSONValue, isError: Bool = false) -> CallToolResult {
        CallToolResult(structuredContent: value, isError: isError)
    }

    /// A plain-text result.
    public static func text(_ text: String, isError: Bool = false) -> CallToolResult {
        CallToolResult(content: [["type": "text", "text": .string(text)]], isError: isError)
    }

    /// The wire form for a negotiated revision (older revisions get no `structuredContent`).
    func json(structured: Bool) -> JSONValue {
        var blocks = content
        if blocks.isEmpty, let structuredContent {
            blocks = [["type": "text", "text": .string(JSONWriter.string(structuredContent))]]
        }
        var object: [String: JSONValue] = ["content": .array(blocks)]
        if structured, let structuredContent { object["structuredContent"] = structuredContent }
        if isError { object["isError"] = true }
        return .object(object)
    }
}
