/// A prompt template offered by `prompts/list` and rendered by `prompts/get`.
public struct Prompt: Sendable {
    public struct Argument: Sendable, Equatable {
        public var name: String
        public var description: String?
        public var required: Bool

        public init(name: String, description: String? = nil, required: Bool = false) {
            self.name = name
            self.description = description
            self.required = required
        }
    }

    public let name: String
    public var title: String?
    public var description: String?
    public var arguments: [Argument]
    /// Renders the prompt's messages (`{"role", "content"}` objects) from its string arguments.
    public var render: @Sendable (_ arguments: [String: String]) async throws -> [JSONValue]

    public init(
        name: String,
        title: String? = nil,
        description: String? = nil,
        arguments: [Argument] = [],
        render: @escaping @Sendable (_ arguments: [String: String]) async throws -> [JSONValue]
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
        self.render = render
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name)]
        if let title { object["title"] = .string(title) }
        if let description { object["description"] = .string(description) }
        if !arguments.isEmpty {
            object["arguments"] = .array(
                arguments.map { argument in
                    var entry: [String: JSONValue] = [
                        "name": .string(argument.name), "required": .bool(argument.required),
                    ]
                    if let description = argument.description { entry["description"] = .string(description) }
                    return .object(entry)
                }
            )
        }
        return .object(object)
    }
}
