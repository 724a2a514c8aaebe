/// What the server knows about one request once it is admitted: its era and version, the client's
/// capabilities, and the `_meta` values that steer progress, logging and modern-era input.
struct RequestContext: Sendable {
    var id: RequestID
    var era: ProtocolEra
    var protocolVersion: String
    var clientCapabilities: JSONValue
    var progressToken: JSONValue?
    var logLevel: LogLevel?
    var inputResponses: [String: JSONValue]
    var requestState: String?

    /// Methods whose modern-era results carry cache hints.
    static let listMethods: Set<String> = [
        "tools/list", "resources/list", "resources/templates/list", "prompts/list", "resources/read", "server/discover",
    ]

    /// The result as this request's era expects it: modern results name their `resultType` and carry the
    /// server's identity; modern list results carry cache hints.
    func shape(_ result: JSONValue, method: String, info: ServerInfo) -> JSONValue {
        guard era == .modern, case .object(var object) = result else { return result }
        if object["resultType"] == nil { object["resultType"] = "complete" }
        if Self.listMethods.contains(method), object["resultType"] == "complete" {
            object["ttlMs"] = object["ttlMs"] ?? 0
            object["cacheScope"] = object["cacheScope"] ?? "private"
        }
        var meta = object["_meta"]?.objectValue ?? [:]
        meta[ProtocolVersion.MetaKey.serverInfo] = info.json
        object["_meta"] = .object(meta)
        return .object(object)
    }
}
