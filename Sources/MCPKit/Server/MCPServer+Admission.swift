/// The era rules: which requests each era accepts, and the per-request envelope of 2026-07-28.
extension MCPServer {
    /// Methods every era understands, plus each era's own.
    static let commonMethods: Set<String> = [
        "tools/list", "tools/call", "resources/list", "resources/read", "resources/templates/list", "prompts/list",
        "prompts/get",
    ]
    static let handshakeMethods: Set<String> = commonMethods.union([
        "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe",
    ])
    static let modernMethods: Set<String> = commonMethods.union(["server/discover"])

    func admit(id: RequestID, method: String, params: [String: JSONValue], state: ClientLink.Snapshot) throws
        -> RequestContext
    {
        let meta = params["_meta"]?.objectValue ?? [:]
        let progressToken = meta["progressToken"].flatMap { token -> JSONValue? in
            switch token {
            case .string, .int: return token
            default: return nil
            }
        }
        switch state.era {
        case .handshake:
            if method != "initialize", meta[ProtocolVersion.MetaKey.protocolVersion] != nil {
                throw JSONRPCError.invalidRequest(
                    "Invalid request: this connection speaks the handshake era (it began with initialize); "
                        + "requests carrying the 2026-07-28 envelope are not accepted on it"
                )
            }
            guard Self.handshakeMethods.contains(method) else { throw JSONRPCError.methodNotFound(method) }
            let initialized = state.initialized
            if method == "initialize", initialized {
                throw JSONRPCError.invalidRequest("Invalid request: the server is already initialized")
            }
            if !initialized, method != "initialize", method != "ping" {
                throw JSONRPCError.invalidRequest("Invalid request: send initialize before \(method)")
            }
            return RequestContext(
                id: id,
                era: .handshake,
                protocolVersion: state.protocolVersion ?? ProtocolVersion.latestHandshake,
                clientCapabilities: state.clientCapabilities,
                progressToken: progressToken,
                logLevel: nil,
                inputResponses: [:],
                requestState: nil
            )
        case .modern:
            if method == "initialize" {
                throw JSONRPCError(
                    code: JSONRPCError.unsupportedProtocolVersionCode,
                    message: "This connection speaks 2026-07-28; the initialize handshake is not accepted on it",
                    data: [
                        "supported": .array(ProtocolVersion.modern.map(JSONValue.string)),
                        "requested": params["protocolVersion"] ?? .null,
                    ]
                )
            }
            let version = try Self.envelopeVersion(meta)
            guard Self.modernMethods.contains(method) else { throw JSONRPCError.methodNotFound(method) }
            return RequestContext(
                id: id,
                era: .modern,
                protocolVersion: version,
                clientCapabilities: meta[ProtocolVersion.MetaKey.clientCapabilities] ?? .object([:]),
                progressToken: progressToken,
                logLevel: meta[ProtocolVersion.MetaKey.logLevel]?.stringValue.flatMap(LogLevel.init(rawValue:)),
                inputResponses: params["inputResponses"]?.objectValue ?? [:],
                requestState: params["requestState"]?.stringValue
            )
        }
    }

    /// Checks a modern request's envelope and returns its protocol version.
    static func envelopeVersion(_ meta: [String: JSONValue]) throws -> String {
        let versionKey = ProtocolVersion.MetaKey.protocolVersion
        let capabilitiesKey = ProtocolVersion.MetaKey.clientCapabilities
        let missing = [versionKey, capabilitiesKey].filter { meta[$0] == nil }
        guard missing.isEmpty else {
            throw JSONRPCError.invalidParams(
                "Invalid params: params._meta is missing the envelope key(s) \(missing.joined(separator: ", "))"
            )
        }
        guard case .string(let version)? = meta[versionKey] else {
            throw JSONRPCError.invalidParams("Invalid params: \(versionKey) must be a string")
        }
        guard meta[capabilitiesKey]?.objectValue != nil else {
            throw JSONRPCError.invalidParams("Invalid params: \(capabilitiesKey) must be an object")
        }
        guard ProtocolVersion.modern.contains(version) else {
            throw JSONRPCError(
                code: JSONRPCError.unsupportedProtocolVersionCode,
                message: "Unsupported protocol version \(version)",
                data: [
                    "supported": .array(ProtocolVersion.modern.map(JSONValue.string)), "requested": .string(version),
                ]
            )
        }
        return version
    }
}
