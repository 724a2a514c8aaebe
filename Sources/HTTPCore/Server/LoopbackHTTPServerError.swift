import Foundation

/// Why the loopback server could not start: a code to branch on, what happened, and what to do.
public struct LoopbackHTTPServerError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
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

    public var description: String { "\(message) (\(hint))" }

    /// The same text as `description`, so `localizedDescription` shows message and hint.
    public var errorDescription: String? { description }
}
