import FoundationEssentials

/// A figure's target: the value a measurement must reach (or stay under).
struct BenchTarget: Sendable {
    enum Bound: Sendable { case atLeast, below }

    var bound: Bound
    var limit: Double
    /// The unit as printed after the limit (`ms`, `updates/s`, `%`).
    var unit: String

    static func atLeast(_ limit: Double, _ unit: String) -> BenchTarget {
        .init(bound: .atLeast, limit: limit, unit: unit)
    }
    static func below(_ limit: Double, _ unit: String) -> BenchTarget { .init(bound: .below, limit: limit, unit: unit) }

    func isMet(by value: Double) -> Bool { bound == .atLeast ? value >= limit : value < limit }

    var text: String {
        let digits = limit == limit.rounded() ? 0 : 2
        return "target \(bound == .atLeast ? ">=" : "<") \(limit.fixed(digits)) \(unit)"
    }
}

/// Every figure `valet bench` printed against a target, so a run ends by naming the targets it missed.
struct BenchScore: Sendable {
    private(set) var met: [String] = []
    private(set) var missed: [String] = []

    /// Prints `name: figure, target … — met|MISSED (details)` and remembers the verdict.
    mutating func report(
        _ name: String, _ figure: String, value: Double, target: BenchTarget, details: String, io: ConsoleIO
    ) {
        let verdict = target.isMet(by: value) ? "met" : "MISSED"
        if target.isMet(by: value) { met.append(name) } else { missed.append(name) }
        io.out("\(name): \(figure), \(target.text) — \(verdict) (\(details))")
    }

    /// Prints a figure that has no target of its own (a diagnostic beside one that has).
    func inform(_ name: String, _ figure: String, details: String, io: ConsoleIO) {
        io.out("\(name): \(figure), informational (\(details))")
    }

    /// The closing line: how many targets were checked and which were missed.
    var summary: String {
        let total = met.count + missed.count
        guard !missed.isEmpty else { return "bench: all \(total) targets met" }
        return "bench: \(missed.count) of \(total) targets MISSED: \(missed.joined(separator: ", "))"
    }
}
