/// A scenario file that cannot be used, with the file, the step and the field at fault, e.g.
/// `scenarios/foo.json: step 3 (call): field "arguments" must be an object`. Steps count from 1.
public struct ScenarioFormatError: Error, Equatable, CustomStringConvertible {
    /// The scenario file.
    public var file: String
    /// The 1-based step number, when the fault is inside a step.
    public var step: Int?
    /// The step's keyword (`call`, `price`, …), when known.
    public var keyword: String?
    /// The field at fault, as a path (`arguments`, `instruments[0].ticks[2].last`); empty for the whole file.
    public var field: String
    /// What is wrong and what is accepted.
    public var problem: String

    public init(file: String, step: Int? = nil, keyword: String? = nil, field: String, problem: String) {
        self.file = file
        self.step = step
        self.keyword = keyword
        self.field = field
        self.problem = problem
    }

    public var description: String {
        var text = file.isEmpty ? "(scenario)" : file
        if let step {
            text += ": step \(step)"
            if let keyword { text += " (\(keyword))" }
        }
        text += field.isEmpty ? ": \(problem)" : ": field \"\(field)\" \(problem)"
        return text
    }
}
