import FoundationEssentials

/// Why the loopback server could not start: a code to branch on, what happened, and what to do.
public struct LoopbackHTTPServerError: ActionableError, Sendable, Equatable {
    /// What kind of failure happened.
    public enum Code: String, Sendable, Equatable {
        case socketFailed
        case invalidHost
        case portInUse
        case bindFailed
        case listenFailed
    }

    public var code: Code
    public var message: String
    public var hint: String

    public init(code: Code, message: String, hint: String) {
        self.code = code
        self.message = message
        self.hint = hint
    }

}
