/// MCP's behaviour hints for a tool. Clients treat them as hints, never as a security boundary.
public struct ToolAnnotations: Sendable, Equatable {
    public var title: String?
    public var readOnlyHint: Bool
    public var destructiveHint: Bool
    public var idempotentHint: Bool
    public var openWorldHint: Bool

    public init(
        title: String? = nil,
        readOnlyHint: Bool,
        destructiveHint: Bool,
        idempotentHint: Bool,
        openWorldHint: Bool
    ) {
        self.title = title
        self.readOnlyHint = readOnlyHint
        self.destructiveHint = destructiveHint
        self.idempotentHint = idempotentHint
        self.openWorldHint = openWorldHint
    }

    /// A tool that only reads (quotes, positions, status).
    public static func readOnly(title: String? = nil, openWorld: Bool = true) -> ToolAnnotations {
        ToolAnnotations(
            title: title,
            readOnlyHint: true,
            destructiveHint: false,
            idempotentHint: true,
            openWorldHint: openWorld
        )
    }

    /// A tool that changes the outside world in a way that cannot be taken back (placing an order).
    public static func destructive(title: String? = nil, idempotent: Bool = false) -> ToolAnnotations {
        ToolAnnotations(
            title: title,
            readOnlyHint: false,
            destructiveHint: true,
            idempotentHint: idempotent,
            openWorldHint: true
        )
    }

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "readOnlyHint": .bool(readOnlyHint),
            "destructiveHint": .bool(destructiveHint),
            "idempotentHint": .bool(idempotentHint),
            "openWorldHint": .bool(openWorldHint),
        ]
        if let title { object["title"] = .string(title) }
        return .object(object)
    }
}
