import FoundationEssentials
import GatewayTwin
import HTTPCore

/// Keep-alive requests per second that the loopback server answers from one client, serving the twin.
struct TwinServerBenchmark {
    var requests: Int

    func run(io: ConsoleIO, score: inout BenchScore) throws {
        let twin = GatewayTwin()
        let server = try LoopbackHTTPServer(configuration: .init(port: 0)) { twin.handle($0) }
        defer { server.stop() }
        let client = try KeepAliveClient(port: server.port)
        let request = Array("POST /v1/api/tickle HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n".utf8)
        for _ in 0..<200 { _ = try client.request(request) }
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<requests {
            let status = try client.request(request)
            if status != 200 { throw BenchmarkFailure("request \(index) answered \(status)") }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perSecond = Double(requests) / seconds
        score.report(
            "twin.loopback_keepalive", "\(perSecond.fixed(0)) requests/s", value: perSecond,
            target: .atLeast(10_000, "requests/s"),
            details:
                "\(requests) POST /tickle on one connection, \(seconds.fixed(3)) s, "
                + "\(server.connectionsAccepted) connection", io: io)
    }
}
