import FoundationEssentials

/// Times the MCP server from the outside, the way a client sees it: spawn to `initialize` result, a `ping` and a
/// trivial `tools/call` round trip over the pipes, and peak resident memory after many calls.
struct MCPBenchmark {
    var calls: Int
    var spawns: Int
    var tool = "market_status"

    static let initializeParams =
        #"{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"valet-bench","version":"1"}}"#
    static let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":\#(initializeParams)}"#

    func run(io: ConsoleIO, score: inout BenchScore) throws {
        let executable = ChildServer.selfExecutable
        let clock = ContinuousClock()
        var startups: [Duration] = []
        for _ in 0..<spawns {
            let start = clock.now
            let child = try ChildServer(executable: executable, arguments: ["serve"])
            child.send(Self.initialize)
            guard child.readLine() != nil else {
                throw BenchmarkFailure("the server closed before answering initialize")
            }
            startups.append(clock.now - start)
            child.finish()
        }
        score.report(
            "mcp.spawn_to_initialize", Summary(startups).text, value: Summary(startups).median,
            target: .below(25, "ms median"), details: "\(spawns) spawns of valet serve on the twin", io: io)

        let child = try ChildServer(executable: executable, arguments: ["serve"])
        child.send(Self.initialize)
        _ = child.readLine()
        child.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        let pings = try roundTrips(child, count: calls) { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }
        score.inform("mcp.ping_round_trip", Summary(pings).text, details: "\(calls) pings over the pipes", io: io)
        let toolCalls = try roundTrips(child, count: calls) {
            #"{"jsonrpc":"2.0","id":\#($0),"method":"tools/call","params":{"name":"\#(tool)","arguments":{}}}"#
        }
        score.report(
            "mcp.tools_call_round_trip", Summary(toolCalls).text, value: Summary(toolCalls).median,
            target: .below(0.1, "ms median"), details: "\(calls) calls of \(tool) over the pipes", io: io)
        if let peak = child.peakResidentKiB {
            let mebibytes = Double(peak) / 1024
            score.report(
                "mcp.peak_resident_memory", "\(mebibytes.fixed(1)) MiB", value: mebibytes, target: .below(25, "MiB"),
                details: "after \(calls) pings and \(calls) calls", io: io)
        }
        child.finish()
    }

    /// Sends `count` requests one at a time and times each until its reply line arrives.
    func roundTrips(_ child: ChildServer, count: Int, line: (Int) -> String) throws -> [Duration] {
        let clock = ContinuousClock()
        var times: [Duration] = []
        times.reserveCapacity(count)
        for index in 1...count {
            let request = line(index)
            let start = clock.now
            child.send(request)
            guard let reply = child.readLine() else {
                throw BenchmarkFailure("the server closed during request \(index)")
            }
            times.append(clock.now - start)
            if index == 1, reply.contains("\"error\"") || reply.contains("\"isError\":true") {
                throw BenchmarkFailure("the first request failed: \(reply)")
            }
        }
        return times
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Median and percentiles of a set of durations, printed in milliseconds.
struct Summary {
    var sorted: [Double]

    init(_ durations: [Duration]) {
        sorted = durations.map { Double($0.components.seconds) * 1e3 + Double($0.components.attoseconds) / 1e15 }
            .sorted()
    }

    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
        return sorted[index]
    }

    /// The median in milliseconds.
    var median: Double { percentile(0.5) }

    /// Median and p90 only.
    var brief: String {
        "median \(percentile(0.5).fixed(3)) ms, p90 \(percentile(0.9).fixed(3)) ms"
    }

    var text: String {
        "median \(percentile(0.5).fixed(3)) ms, p90 \(percentile(0.9).fixed(3)) ms, "
            + "p99 \(percentile(0.99).fixed(3)) ms, min \((sorted.first ?? .nan).fixed(3)) ms"
    }
}
