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

    func run(io: ConsoleIO) throws {
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
        io.out("mcp.spawn_to_initialize: \(Summary(startups).text) (\(spawns) spawns)")

        let child = try ChildServer(executable: executable, arguments: ["serve"])
        child.send(Self.initialize)
        _ = child.readLine()
        child.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        let pings = try roundTrips(child, count: calls) { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }
        io.out("mcp.ping_round_trip: \(Summary(pings).text) (\(calls) pings)")
        let toolCalls = try roundTrips(child, count: calls) {
            #"{"jsonrpc":"2.0","id":\#($0),"method":"tools/call","params":{"name":"\#(tool)","arguments":{}}}"#
        }
        io.out("mcp.tools_call_round_trip: \(Summary(toolCalls).text) (\(calls) calls of \(tool))")
        if let peak = child.peakResidentKiB {
            let mebibytes = (Double(peak) / 1024).fixed(1)
            io.out("mcp.peak_resident_memory: \(mebibytes) MiB after \(calls) pings and \(calls) calls")
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

    /// Median and p90 only.
    var brief: String {
        "median \(percentile(0.5).fixed(3)) ms, p90 \(percentile(0.9).fixed(3)) ms"
    }

    var text: String {
        "median \(percentile(0.5).fixed(3)) ms, p90 \(percentile(0.9).fixed(3)) ms, "
            + "p99 \(percentile(0.99).fixed(3)) ms, min \((sorted.first ?? .nan).fixed(3)) ms"
    }
}
