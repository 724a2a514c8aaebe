import Foundation
import Synchronization
import Testing

@testable import HTTPCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Echoes what the server parsed, so each test can see the request exactly as a handler would.
private func echo(_ request: HTTPRequest) -> HTTPResponse {
    let query = request.query.map { "\($0.name)=\($0.value ?? "<nil>")" }.joined(separator: "&")
    let body = request.body.map { String(decoding: $0, as: UTF8.self) } ?? "<none>"
    return HTTPResponse(
        status: 200, headers: ["Content-Type": "text/plain", "Content-Length": "999"],
        body: Data("\(request.method) \(request.path) ?\(query) body=\(body)".utf8))
}

@Suite("LoopbackHTTPServer")
struct LoopbackHTTPServerTests {
    @Test("URLSession GET and POST reach the handler with full path, query and body")
    func urlSessionRoundTrip() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        #expect(server.port != 0)
        let session = URLSession(configuration: .ephemeral)
        let base = "http://127.0.0.1:\(server.port)"

        let (getData, getResponse) = try await session.data(
            from: try #require(URL(string: "\(base)/v1/api/iserver/marketdata/snapshot?conids=265598&fields=31,84")))
        #expect((getResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(
            String(decoding: getData, as: UTF8.self)
                == "GET /v1/api/iserver/marketdata/snapshot ?conids=265598&fields=31,84 body=<none>")

        var post = URLRequest(url: try #require(URL(string: "\(base)/v1/api/iserver/account/DU1/orders")))
        post.httpMethod = "POST"
        post.httpBody = Data(#"{"orders":[]}"#.utf8)
        post.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (postData, _) = try await session.data(for: post)
        #expect(
            String(decoding: postData, as: UTF8.self)
                == #"POST /v1/api/iserver/account/DU1/orders ? body={"orders":[]}"#)
    }

    @Test("a malformed request line gets 400 and the connection closes; the server keeps serving")
    func malformedRequestLine() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("HELLO THERE\r\n\r\n")
        let response = try await client.response()
        #expect(response.status == 400)
        #expect(response.text.contains("malformed request line"))
        #expect(response.header("Connection") == "close")
        #expect(try await client.endOfStream())

        let next = try RawHTTPClient(port: server.port)
        try next.write("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await next.response().status == 200)
    }

    @Test("a POST without Content-Length gets 411, like the IBKR gateway")
    func postWithoutLength() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("POST /v1/api/tickle HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try await client.response()
        #expect(response.status == 411)
        #expect(response.text.contains("Content-Length"))
    }

    @Test("a chunked request body is refused with 411 and a clear message")
    func chunkedBody() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
        let response = try await client.response()
        #expect(response.status == 411)
        #expect(response.text.contains("chunked"))
    }

    @Test("an empty POST with Content-Length: 0 is served")
    func emptyPost() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("POST /v1/api/tickle HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        #expect(try await client.response().text == "POST /v1/api/tickle ? body=<none>")
    }

    @Test("two requests reuse one keep-alive connection; the server owns Content-Length")
    func keepAliveReuse() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
        let first = try await client.response()
        #expect(first.text == "GET /one ? body=<none>")
        #expect(first.header("Content-Length") == "\(first.body.count)")
        #expect(first.header("Connection") == "keep-alive")
        try client.write("POST /two HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
        #expect(try await client.response().text == "POST /two ? body=hello")
    }

    @Test("pipelined requests in one write are answered in order")
    func pipelining() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write(
            "GET /a?n=1 HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}GET /c HTTP/1.1\r\nConnection: close\r\n\r\n"
        )
        #expect(try await client.response().text == "GET /a ?n=1 body=<none>")
        #expect(try await client.response().text == "POST /b ? body={}")
        let last = try await client.response()
        #expect(last.text == "GET /c ? body=<none>")
        #expect(last.header("Connection") == "close")
        #expect(try await client.endOfStream())
    }

    @Test("a client that hangs up mid-body never reaches the handler and does not hurt the server")
    func abruptDisconnect() async throws {
        let calls = Mutex(0)
        let server = try LoopbackHTTPServer { request in
            calls.withLock { $0 += 1 }
            return echo(request)
        }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("POST /orders HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"partial\":")
        client.abort()
        let gentle = try RawHTTPClient(port: server.port)
        try gentle.write("POST /orders HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"partial\":")
        gentle.abort()

        let next = try RawHTTPClient(port: server.port)
        try next.write("GET /after HTTP/1.1\r\n\r\n")
        #expect(try await next.response().text == "GET /after ? body=<none>")
        #expect(calls.withLock { $0 } == 1)
    }

    @Test("an oversized head gets 431 and an oversized body 413")
    func sizeLimits() async throws {
        let server = try LoopbackHTTPServer(
            configuration: .init(maxHeaderBytes: 1024, maxBodyBytes: 16), handler: echo)
        defer { server.stop() }
        let big = try RawHTTPClient(port: server.port)
        try big.write("GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 4096))\r\n\r\n")
        #expect(try await big.response().status == 431)

        let body = try RawHTTPClient(port: server.port)
        try body.write("POST / HTTP/1.1\r\nContent-Length: 17\r\n\r\n")
        let response = try await body.response()
        #expect(response.status == 413)
        #expect(response.text.contains("16 bytes"))
    }

    @Test("a client that stops sending mid-request gets 408 after the read timeout")
    func slowClient() async throws {
        let server = try LoopbackHTTPServer(configuration: .init(readTimeoutSeconds: 1), handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("GET /slow HTTP/1.1\r\nHost:")
        let response = try await client.response()
        #expect(response.status == 408)
        #expect(try await client.endOfStream())
    }

    @Test("Expect: 100-continue gets an interim answer before the body is sent")
    func expectContinue() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("PUT /x HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
        #expect(try await client.response().status == 100)
        try client.write("ok")
        #expect(try await client.response().text == "PUT /x ? body=ok")
    }

    @Test("HEAD answers the length without a body; HTTP/1.0 closes by default")
    func headAndHTTP10() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("HEAD /h HTTP/1.0\r\n\r\n")
        let response = try await client.response(forHEAD: true)
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.header("Content-Length") == "\("HEAD /h ? body=<none>".utf8.count)")
        #expect(try await client.endOfStream())
    }

    @Test("stop() closes idle keep-alive connections and refuses new ones")
    func stopClosesEverything() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        let port = server.port
        let client = try RawHTTPClient(port: port)
        try client.write("GET /x HTTP/1.1\r\n\r\n")
        #expect(try await client.response().status == 200)
        server.stop()
        server.stop()
        #expect(try await client.endOfStream())
        #expect(throws: RawHTTPClient.Failure.self) { try RawHTTPClient(port: port) }
    }

    @Test("binding a taken port or a bad host fails with an actionable error")
    func bindErrors() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        #expect {
            try LoopbackHTTPServer(configuration: .init(port: server.port), handler: echo)
        } throws: { error in
            (error as? LoopbackHTTPServerError)?.code == .portInUse
        }
        #expect {
            try LoopbackHTTPServer(configuration: .init(host: "localhost"), handler: echo)
        } throws: { error in
            (error as? LoopbackHTTPServerError)?.code == .invalidHost
        }
    }

    @Test("connections beyond the limit get 503")
    func connectionLimit() async throws {
        let server = try LoopbackHTTPServer(configuration: .init(maxConnections: 1), handler: echo)
        defer { server.stop() }
        let first = try RawHTTPClient(port: server.port)
        try first.write("GET /x HTTP/1.1\r\n\r\n")
        #expect(try await first.response().status == 200)
        let second = try RawHTTPClient(port: server.port)
        #expect(try await second.response().status == 503)
    }
}

@Suite("LoopbackHTTPServer framing")
struct LoopbackHTTPServerFramingTests {
    @Test("a TLS ClientHello is refused at once with a plain-HTTP hint")
    func tlsHandshake() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
        let response = try await client.response()
        #expect(response.status == 400)
        #expect(response.text.contains("plain HTTP"))
    }

    @Test("a handler can end the connection with Connection: close")
    func handlerCloses() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 503, headers: ["Connection": "close"]) }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("GET /x HTTP/1.1\r\n\r\n")
        let response = try await client.response()
        #expect(response.status == 503)
        #expect(response.header("Connection") == "close")
        #expect(try await client.endOfStream())
    }

    @Test("empty lines before a request line are ignored")
    func leadingEmptyLines() async throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.write("\r\n\r\nGET /x HTTP/1.1\r\n\r\n")
        #expect(try await client.response().text == "GET /x ? body=<none>")
    }
}
