/// Who the server is, as `serverInfo` (handshake) or the `serverInfo` stamp (modern) reports it.
public struct ServerInfo: Sendable, Equatable {
    public var name: String
    public var version: String
    public var title: String?
    public var description: String?

    public init(name: String, version: String, title: String? = nil, description: String? = nil) {
        self.name = name
        self.version = version
        self.title = title
        self.description = description
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "version": .string(version)]
        if let title { object["title"] = .string(title) }
        if let description { object["description"] = .string(description) }
        return .object(object)
    }
}
