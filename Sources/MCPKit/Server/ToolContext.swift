/// What a running tool can see and do besides its arguments: report progress, log to the client, learn the
/// era and the client's capabilities, and ask a person a question. Cancellation arrives as task cancellation.
public struct ToolContext: Sendable {
    public let requestID: RequestID
    public let era: ProtocolEra
    public let protocolVersion: String
    /// The client's declared capabilities (from `initialize`, or this request's envelope on the modern era).
    public let clientCapabilities: JSONValue
    /// The answers the client sent with a retried modern-era call, keyed as our `inputRequests` were.
    public let inputResponses: [String: JSONValue]
    public let requestState: String?
    let progressToken: JSONValue?
    let logLevel: LogLevel?
    let link: ClientLink

    /// Sends `notifications/progress` when the request carried a progress token; a value that does not
    /// increase is dropped, as the protocol requires progress to increase.
    public func reportProgress(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        guard let progressToken else { return }
        await link.progress(token: progressToken, progress: progress, total: total, message: message)
    }

    /// Logs to standard error always, and to the client as `notifications/message` when it asked for this level.
    public func log(_ level: LogLevel, _ message: String, logger: String? = nil) async {
        await link.log(level: level, message: message, logger: logger, requestLevel: logLevel)
    }

    /// Whether the client can show a form to a person.
    public var supportsElicitation: Bool {
        clientCapabilities["elicitation"] != nil
    }

    /// Asks a person through the client. Handshake era: an `elicitation/create` request, awaited. Modern era: the
    /// answer in `inputResponses[key]` if present, otherwise `InputRequired` is thrown and the client retries.
    /// Throws `ElicitationUnavailable.unsupportedByClient` when the client declared no elicitation.
    public func elicit(key: String, message: String, requestedSchema: JSONValue) async throws -> ElicitationResponse {
        guard supportsElicitation else { throw ElicitationUnavailable.unsupportedByClient }
        var params: [String: JSONValue] = ["message": .string(message), "requestedSchema": requestedSchema]
        if protocolVersion >= "2025-11-25" { params["mode"] = "form" }
        switch era {
        case .modern:
            if let answer = inputResponses[key] {
                guard let response = ElicitationResponse(json: answer) else {
                    throw ElicitationUnavailable.failed("the client's answer to \(key) is not an elicitation result")
                }
                return response
            }
            throw InputRequired(inputRequests: [key: ["method": "elicitation/create", "params": .object(params)]])
        case .handshake:
            let answer = try await link.request(method: "elicitation/create", params: .object(params))
            guard let response = ElicitationResponse(json: answer) else {
                throw ElicitationUnavailable.failed("the client's answer is not an elicitation result")
            }
            return response
        }
    }
}

extension ToolContext {
    /// A context for calling a tool's handler directly (unit tests, benchmarks): there is no client, so progress
    /// and log notifications go nowhere and elicitation is unavailable unless capabilities say otherwise.
    public static func detached(
        requestID: RequestID = .int(0),
        era: ProtocolEra = .handshake,
        protocolVersion: String = ProtocolVersion.latestHandshake,
        clientCapabilities: JSONValue = .object([:]),
        inputResponses: [String: JSONValue] = [:]
    ) -> ToolContext {
        ToolContext(
            requestID: requestID,
            era: era,
            protocolVersion: protocolVersion,
            clientCapabilities: clientCapabilities,
            inputResponses: inputResponses,
            requestState: nil,
            progressToken: nil,
            logLevel: nil,
            link: ClientLink(send: MemoryTransport().send, outboundTimeout: .seconds(1), stderr: { _ in })
        )
    }
}
