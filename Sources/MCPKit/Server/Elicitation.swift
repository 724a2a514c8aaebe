/// A person's answer to a question the server asked through the client (MCP elicitation).
public struct ElicitationResponse: Sendable, Equatable {
    public enum Action: String, Sendable { case accept, decline, cancel }

    public var action: Action
    public var content: [String: JSONValue]

    public init(action: Action, content: [String: JSONValue] = [:]) {
        self.action = action
        self.content = content
    }

    /// Reads an `ElicitResult` object; nil when it is not one.
    init?(json: JSONValue) {
        guard let raw = json["action"]?.stringValue, let action = Action(rawValue: raw) else { return nil }
        self.action = action
        self.content = json["content"]?.objectValue ?? [:]
    }
}

/// Why a question could not be put to a person.
public enum ElicitationUnavailable: Error, Sendable, Equatable {
    /// The client did not declare form elicitation; use another confirmation path.
    case unsupportedByClient
    /// The client did not answer in time.
    case timedOut
    /// The client answered with an error.
    case failed(String)
}

/// Thrown inside a tool on the modern era to ask the client for input: the server turns it into an
/// `InputRequiredResult`, and the client retries the call with `inputResponses`.
public struct InputRequired: Error, Sendable, Equatable {
    public var inputRequests: [String: JSONValue]
    public var requestState: String?

    public init(inputRequests: [String: JSONValue], requestState: String? = nil) {
        self.inputRequests = inputRequests
        self.requestState = requestState
    }
}
