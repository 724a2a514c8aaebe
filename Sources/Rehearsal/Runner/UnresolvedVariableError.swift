import FoundationEssentials

/// A `call` step refers to `${name}` values that no earlier step saved (the save's path found nothing), so the
/// step is refused rather than sending the literal `${name}` text to the tool.
public struct UnresolvedVariableError: Error, Equatable, CustomStringConvertible {
    /// The names used in the arguments that have no saved value, in argument order.
    public var names: [String]
    /// The names that do have a value at this step, sorted.
    public var saved: [String]

    public init(names: [String], saved: [String]) {
        self.names = names
        self.saved = saved
    }

    public var description: String {
        let used = names.map { "${\($0)}" }.joined(separator: ", ")
        let known = saved.isEmpty ? "none" : saved.map { "${\($0)}" }.joined(separator: ", ")
        return "arguments use \(used) but no value was saved under that name (an earlier save found nothing at its "
            + "path); saved so far: \(known); the step was not sent"
    }
}
