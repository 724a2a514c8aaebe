/// The methods themselves, once a request is admitted.
extension MCPServer {
    func handle(
        method: String,
        params: [String: JSONValue],
        context: RequestContext,
        link: ClientLink
    ) async throws -> JSONValue {
        switch method {
        case "initialize": return try await initialize(params, link: link)
        case "server/discover": return discover()
        case "ping": return .object([:])
        case "logging/setLevel": return try await setLevel(params, link: link)
        case "tools/list":
            let structured = ProtocolVersion.hasStructuredOutput(context.protocolVersion)
            return try pagination.list("tools", tools, cursor: params["cursor"]) { $0.json(structured: structured) }
        case "tools/call": return try await callTool(params, context: context, link: link)
        case "resources/list":
            return try pagination.list("resources", resources, cursor: params["cursor"], json: \.json)
        case "resources/templates/list": return ["resourceTemplates": []]
        case "resources/read": return try await readResource(params, context: context)
        case "resources/subscribe": return try subscribe(params, link: link, on: true)
        case "resources/unsubscribe": return try subscribe(params, link: link, on: false)
        case "prompts/list": return try pagination.list("prompts", prompts, cursor: params["cursor"], json: \.json)
        case "prompts/get": return try await getPrompt(params)
        default: throw JSONRPCError.methodNotFound(method)
        }
    }

    var capabilities: JSONValue {
        [
            "tools": ["listChanged": false],
            "resources": ["subscribe": .bool(updates != nil), "listChanged": false],
            "prompts": ["listChanged": false],
        ]
    }

    private func initialize(_ params: [String: JSONValue], link: ClientLink) async throws -> JSONValue {
        guard case .string(let requested)? = params["protocolVersion"] else {
            throw JSONRPCError.invalidParams("Invalid params: initialize needs \"protocolVersion\" as a string")
        }
        if let capabilities = params["capabilities"], capabilities.objectValue == nil {
            throw JSONRPCError.invalidParams("Invalid params: \"capabilities\" must be an object")
        }
        let version = ProtocolVersion.handshake.contains(requested) ? requested : ProtocolVersion.latestHandshake
        link.initialize(version: version, capabilities: params["capabilities"] ?? .object([:]))
        var result: [String: JSONValue] = [
            "protocolVersion": .string(version),
            "capabilities": capabilities.merging(["logging": [:]]),
            "serverInfo": info.json,
        ]
        if let instructions { result["instructions"] = .string(instructions) }
        return .object(result)
    }

    /// `resources/subscribe` and `resources/unsubscribe`: only a listed resource, and only when the server was
    /// given a `ResourceUpdates` (otherwise the capability is not declared and the method is unknown).
    private func subscribe(_ params: [String: JSONValue], link: ClientLink, on: Bool) throws -> JSONValue {
        let method = on ? "resources/subscribe" : "resources/unsubscribe"
        guard updates != nil else { throw JSONRPCError.methodNotFound(method) }
        guard case .string(let uri)? = params["uri"] else {
            throw JSONRPCError.invalidParams("Invalid params: \(method) needs \"uri\" as a string")
        }
        guard resources.contains(where: { $0.uri == uri }) else {
            throw JSONRPCError.invalidParams(
                "Invalid params: no resource \(uri); resources/list names the ones that exist")
        }
        link.subscribe(uri, on)
        return .object([:])
    }

    private func discover() -> JSONValue {
        var result: [String: JSONValue] = [
            "supportedVersions": .array((ProtocolVersion.modern + ProtocolVersion.handshake).map(JSONValue.string)),
            "capabilities": capabilities,
        ]
        if let instructions { result["instructions"] = .string(instructions) }
        return .object(result)
    }

    private func setLevel(_ params: [String: JSONValue], link: ClientLink) async throws -> JSONValue {
        guard let raw = params["level"]?.stringValue, let level = LogLevel(rawValue: raw) else {
            let names = LogLevel.allCases.map(\.rawValue).joined(separator: ", ")
            throw JSONRPCError.invalidParams("Invalid params: \"level\" must be one of \(names)")
        }
        link.setLogLevel(level)
        return .object([:])
    }

    private func callTool(_ params: [String: JSONValue], context: RequestContext, link: ClientLink) async throws
        -> JSONValue
    {
        guard case .string(let name)? = params["name"] else {
            throw JSONRPCError.invalidParams("Invalid params: tools/call needs \"name\" as a string")
        }
        guard let tool = toolsByName[name] else {
            throw JSONRPCError.invalidParams("Unknown tool: \(name). Call tools/list for the tools this server offers")
        }
        var arguments: [String: JSONValue] = [:]
        switch params["arguments"] {
        case nil, .null?: break
        case .object(let members)?: arguments = members
        case let other?:
            throw JSONRPCError.invalidParams("Invalid params: \"arguments\" must be an object, not \(other.typeName)")
        }
        let structured = ProtocolVersion.hasStructuredOutput(context.protocolVersion)
        let problems = validator.problems(.object(arguments), against: tool.inputSchema, path: "arguments")
        if !problems.isEmpty {
            let result =
                tool.invalidArguments?(problems)
                ?? CallToolResult.text(
                    "Invalid arguments for \(name): \(problems.joined(separator: "; ")). Nothing was done.",
                    isError: true
                )
            return result.json(structured: structured)
        }
        let toolContext = ToolContext(
            requestID: context.id,
            era: context.era,
            protocolVersion: context.protocolVersion,
            clientCapabilities: context.clientCapabilities,
            inputResponses: context.inputResponses,
            requestState: context.requestState,
            progressToken: context.progressToken,
            logLevel: context.logLevel,
            link: link
        )
        let result: CallToolResult
        do {
            // Reads that reach the outside world share a few slots; orders and long waits never queue behind them.
            let annotations = tool.annotations
            if annotations.readOnlyHint && annotations.openWorldHint && !tool.waitsLong {
                result = try await readSlots.run { try await tool.handler(arguments, toolContext) }
            } else {
                result = try await tool.handler(arguments, toolContext)
            }
        } catch let required as InputRequired {
            guard context.era == .modern else {
                throw JSONRPCError.internalError("Tool \(name) asked for input the handshake era cannot carry")
            }
            var object: [String: JSONValue] = [
                "resultType": "input_required", "inputRequests": .object(required.inputRequests),
            ]
            if let state = required.requestState { object["requestState"] = .string(state) }
            return .object(object)
        }
        if let schema = tool.outputSchema, !result.isError {
            let mismatch = validator.problems(
                result.structuredContent ?? .null, against: schema, path: "structuredContent")
            if !mismatch.isEmpty {
                stderr("mcp: tool \(name) broke its output schema: \(mismatch.joined(separator: "; "))")
                throw JSONRPCError.internalError("Tool \(name) produced a result that does not match its output schema")
            }
        }
        return result.json(structured: structured)
    }

    private func readResource(_ params: [String: JSONValue], context: RequestContext) async throws -> JSONValue {
        guard case .string(let uri)? = params["uri"] else {
            throw JSONRPCError.invalidParams("Invalid params: resources/read needs \"uri\" as a string")
        }
        guard let resource = resources.first(where: { $0.uri == uri }) else {
            let code = context.era == .modern ? JSONRPCError.invalidParamsCode : JSONRPCError.resourceNotFoundCode
            throw JSONRPCError(code: code, message: "Resource not found: \(uri)", data: ["uri": .string(uri)])
        }
        let text = try await resource.read()
        return ["contents": [["uri": .string(uri), "mimeType": .string(resource.mimeType), "text": .string(text)]]]
    }

    private func getPrompt(_ params: [String: JSONValue]) async throws -> JSONValue {
        guard case .string(let name)? = params["name"] else {
            throw JSONRPCError.invalidParams("Invalid params: prompts/get needs \"name\" as a string")
        }
        guard let prompt = prompts.first(where: { $0.name == name }) else {
            throw JSONRPCError.invalidParams("Unknown prompt: \(name)")
        }
        var arguments: [String: String] = [:]
        for (key, value) in params["arguments"]?.objectValue ?? [:] {
            guard case .string(let text) = value else {
                throw JSONRPCError.invalidParams("Invalid params: prompt argument \"\(key)\" must be a string")
            }
            arguments[key] = text
        }
        if let missing = prompt.arguments.first(where: { $0.required && arguments[$0.name] == nil }) {
            throw JSONRPCError.invalidParams("Invalid params: prompt \(name) needs the argument \"\(missing.name)\"")
        }
        var result: [String: JSONValue] = ["messages": .array(try await prompt.render(arguments))]
        if let description = prompt.description { result["description"] = .string(description) }
        return .object(result)
    }
}

extension JSONValue {
    /// An object with `other`'s members added (other wins); non-objects are returned unchanged.
    func merging(_ other: [String: JSONValue]) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.merging(other) { _, new in new })
    }
}
