import Dispatch
import Foundation
import Synchronization
import Testing

@testable import HTTPCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("URLSessionTransport")
struct URLSessionTransportTests {
    private func transport(port: UInt16, timeout: Int = 5) throws -> URLSessionTransport {
        let base = try #require(URL(string: "http://127.0.0.1:\(port)/v1/api"))
        return URLSessionTransport(
            configuration: .init(baseURL: base, timeoutSeconds: timeout, userAgent: "ValetTests/1"))
    }

    @Test("requests arrive below the base path with query, headers and body; keep-alive reuses one connection")
    func roundTrip() async throws {
        let seen = Mutex<[HTTPRequest]>([])
        let server = try LoopbackHTTPServer { request in
            seen.withLock { $0.append(request) }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data("{}".utf8))
        }
        defer { server.stop() }
        let transport = try transport(port: server.port)

        let get = try await transport.send(
            HTTPRequest(
                method: "GET", path: "/iserver/marketdata/snapshot",
                query: [URLQueryItem(name: "conids", value: "265598,8314"), URLQueryItem(name: "x", value: "a+b c")]))
        #expect(get.status == 200)
        #expect(get.header("content-type") == "application/json")
        _ = try await transport.send(
            HTTPRequest(method: "POST", path: "/iserver/account/DU1/orders", body: Data(#"{"orders":[]}"#.utf8)))
        _ = try await transport.send(HTTPRequest(method: "POST", path: "/tickle"))

        let requests = seen.withLock { $0 }
        try #require(requests.count == 3)
        #expect(requests[0].path == "/v1/api/iserver/marketdata/snapshot")
        #expect(
            requests[0].query == [
                URLQueryItem(name: "conids", value: "265598,8314"), URLQueryItem(name: "x", value: "a+b c"),
            ])
        #expect(requests[0].header("User-Agent") == "ValetTests/1")
        #expect(requests[1].body == Data(#"{"orders":[]}"#.utf8))
        #expect(requests[1].header("Content-Type") == "application/json")
        #expect(requests[1].header("Content-Length") == "13")
        #expect(requests[2].path == "/v1/api/tickle")
        #expect(requests[2].header("Content-Length") == "0")
        #expect(server.connectionsAccepted == 1)
    }

    @Test("an HTTP error status is a response, not a throw")
    func errorStatusIsResponse() async throws {
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(status: 500, body: Data(#"{"error":"Please query /accounts first"}"#.utf8))
        }
        defer { server.stop() }
        let response = try await transport(port: server.port).send(
            HTTPRequest(method: "GET", path: "/iserver/account/orders"))
        #expect(response.status == 500)
        #expect(response.text.contains("Please query /accounts first"))
    }

    @Test("cookies set by the gateway are sent back (in memory only)")
    func cookies() async throws {
        let server = try LoopbackHTTPServer { request in
            if request.path.hasSuffix("/login") {
                return HTTPResponse(status: 200, headers: ["Set-Cookie": "SBID=abc123; Path=/"])
            }
            return HTTPResponse(status: 200, body: Data((request.header("Cookie") ?? "none").utf8))
        }
        defer { server.stop() }
        let transport = try transport(port: server.port)
        _ = try await transport.send(HTTPRequest(method: "GET", path: "/login"))
        let echoed = try await transport.send(HTTPRequest(method: "GET", path: "/tickle"))
        #expect(echoed.text.contains("SBID=abc123"))
    }

    @Test("connection refused says the gateway isn't running at the URL and how to start it")
    func connectionRefused() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        let port = server.port
        server.stop()
        let transport = try transport(port: port)
        let error = try await #require(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: "POST", path: "/tickle"))
        }
        #expect(error.code == .connectionRefused)
        #expect(error.message.contains("isn't running at http://127.0.0.1:\(port)/v1/api"))
        #expect(error.hint.contains("bin/run.sh root/conf.yaml"))
    }

    @Test("https against a plain-HTTP gateway says to use the http:// URL")
    func httpsAgainstPlainHTTP() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        defer { server.stop() }
        let base = try #require(URL(string: "https://127.0.0.1:\(server.port)/v1/api"))
        let transport = URLSessionTransport(configuration: .init(baseURL: base, timeoutSeconds: 5))
        let error = try await #require(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        }
        #expect(error.code == .tlsFailure)
        #expect(error.hint.contains("http://127.0.0.1:\(server.port)/v1/api"))
    }

    @Test("curl's self-signed certificate failure names both fixes")
    func selfSignedCertificate() throws {
        let base = try #require(URL(string: "https://localhost:5000/v1/api"))
        // curl's failure arrives as URLError(.unknown) = -1 with curl's text.
        var reply = URLSessionLibrary.Reply(failureText: "SSL certificate problem: self-signed certificate")
        reply.failureCode = -1
        let error = URLSessionTransport.transportError(
            for: reply, url: base.absoluteString, configuration: .init(baseURL: base))
        #expect(error.code == .tlsFailure)
        #expect(error.message.contains("self-signed certificate"))
        #expect(error.hint.contains("`listenSsl: false`"))
        #expect(error.hint.contains("root/conf.yaml"))
        #expect(error.hint.contains("http://localhost:5000/v1/api"))
        #expect(error.hint.contains("update-ca-certificates"))
    }

    /// A server that accepts a request and answers only once `release` is signalled.
    private static func stalledServer() throws -> (LoopbackHTTPServer, DispatchSemaphore) {
        let release = DispatchSemaphore(value: 0)
        let server = try LoopbackHTTPServer { _ in
            release.wait()
            return HTTPResponse(status: 200)
        }
        return (server, release)
    }

    @Test("a gateway that does not answer in time gives a timeout error")
    func timeout() async throws {
        let (server, release) = try Self.stalledServer()
        defer {
            release.signal()
            server.stop()
        }
        let transport = try transport(port: server.port, timeout: 1)
        let error = try await #require(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: "GET", path: "/iserver/accounts"))
        }
        #expect(error.code == .timedOut)
        #expect(error.message.contains("within 1 s"))
    }

    @Test("cancelling the caller's task cancels the request instead of waiting for the timeout")
    func cancellation() async throws {
        let (server, release) = try Self.stalledServer()
        defer {
            release.signal()
            server.stop()
        }
        let transport = try transport(port: server.port, timeout: 30)
        let call = Task { try await transport.send(HTTPRequest(method: "GET", path: "/iserver/accounts")) }
        try await Task.sleep(for: .milliseconds(300))
        call.cancel()
        let error = await #expect(throws: TransportError.self) { try await call.value }
        #expect(error?.code == .cancelled)
    }

    @Test(
        "URLs join base and path and encode the query safely",
        arguments: [
            ("http://127.0.0.1:5000/v1/api", "/tickle", [], "http://127.0.0.1:5000/v1/api/tickle"),
            ("http://127.0.0.1:5000/v1/api/", "/tickle", [], "http://127.0.0.1:5000/v1/api/tickle"),
            ("http://127.0.0.1:5000/v1/api", "tickle", [], "http://127.0.0.1:5000/v1/api/tickle"),
            ("http://h/v1/api", "/a b", [], "http://h/v1/api/a%20b"),
            (
                "http://h/v1/api", "/s", [URLQueryItem(name: "q", value: "1+2&3")],
                "http://h/v1/api/s?q=1%2B2%263"
            ),
            (
                "http://h/v1/api", "/s",
                [URLQueryItem(name: "conids", value: "1,2"), URLQueryItem(name: "f", value: nil)],
                "http://h/v1/api/s?conids=1,2&f"
            ),
        ] as [(String, String, [URLQueryItem], String)])
    func urlBuilding(base: String, path: String, query: [URLQueryItem], expected: String) throws {
        let url = URLSessionTransport.url(base: try #require(URL(string: base)), path: path, query: query)
        #expect(url?.absoluteString == expected)
    }
}

@Suite("URLSession library loading")
struct URLSessionLibraryTests {
    @Test("the library is looked for in the variable's path, next to the executable, then by name")
    func candidates() {
        let paths = URLSessionLibrary.candidatePaths(
            environment: ["VALET_URLSESSION_LIBRARY": "/opt/lib/x.so"], executable: "/usr/local/bin/valet")
        #expect(paths == ["/opt/lib/x.so", "/usr/local/bin/" + URLSessionLibrary.fileName, URLSessionLibrary.fileName])
        #expect(URLSessionLibrary.candidatePaths(environment: [:], executable: nil) == [URLSessionLibrary.fileName])
    }

    @Test("a missing or foreign library is an actionable error, not a crash")
    func missing() throws {
        guard
            case .failure(let error) = URLSessionLibrary.load(from: ["/nonexistent/libValetURLSession.so", "libc.so.6"])
        else {
            Issue.record("loading a missing library succeeded")
            return
        }
        #expect(error.code == .transportUnavailable)
        #expect(error.message.contains("/nonexistent/libValetURLSession.so"))
        #expect(error.message.contains("libc.so.6: not a compatible ValetURLSession library"))
        #expect(error.hint.contains("VALET_URLSESSION_LIBRARY"))
    }

    @Test("the library built next to the tests loads, and the transport reports it available")
    func available() throws {
        try URLSessionTransport.checkAvailable()
    }
}

@Suite("TransportError")
struct TransportErrorTests {
    @Test("localizedDescription carries message and fix")
    func localized() {
        let error: any Error = TransportError(code: .timedOut, message: "no answer.", hint: "raise the timeout")
        #expect(error.localizedDescription == "no answer. Fix: raise the timeout")
    }
}
