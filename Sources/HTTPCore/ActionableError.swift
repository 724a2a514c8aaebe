import FoundationEssentials

/// An error that says what went wrong and what to do about it, shown the same way everywhere: the shape of the
/// errors the transports, the loopback server and the wire helpers throw.
public protocol ActionableError: Error, CustomStringConvertible, LocalizedError {
    /// What failed and why, in a sentence a person can act on.
    var message: String { get }
    /// What to do next.
    var hint: String { get }
}

extension ActionableError {
    public var description: String { "\(message) (\(hint))" }

    /// The same text as `description`, so `localizedDescription` shows message and hint.
    public var errorDescription: String? { description }
}
