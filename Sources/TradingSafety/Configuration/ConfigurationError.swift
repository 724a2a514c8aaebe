import FoundationEssentials

/// The configuration cannot be used: every problem found, so one start-up attempt shows them all.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in key order (a `.env` syntax error stops reading and is the only problem).
    public let problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    /// One problem per line, prefixed so it reads as a start-up failure.
    public var description: String {
        "Valet cannot start: the configuration is invalid.\n"
            + problems.map { "- \($0.message)" }.joined(separator: "\n")
    }
}
