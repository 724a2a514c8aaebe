/// A readable resource (the audit journal, the positions): listed by `resources/list`, read by `resources/read`.
public struct Resource: Sendable {
    public let uri: String
    public var name: String
    public var title: String?
    public var description: String?
    public var mimeType: String
    /// Produces the current text of the resource.
    public var read: @Sendable () async throws -> String

    public init(
        uri: String,
        name: String,
        title: String? = nil,
        description: String? = nil,
        mimeType: String = "application/json",
        read: @escaping @Sendable () async throws -> String
    ) {
        self.uri = uri
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.read = read
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["uri": .string(uri), "name": .string(name), "mimeType": .string(mimeType)]
        if let title { object["title"] = .string(title) }
        if let description { object["description"] = .string(description) }
        return .object(object)
    }
}
