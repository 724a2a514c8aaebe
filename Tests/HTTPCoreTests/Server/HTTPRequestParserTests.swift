import Foundation
import Testing

@testable import HTTPCore

@Suite("HTTPRequestParser")
struct HTTPRequestParserTests {
    private func parse(_ head: String) -> Result<HTTPRequestHead, HTTPRequestRejection> {
        HTTPRequestParser.parseHead(ArraySlice(Array(head.utf8)))
    }

    @Test("a GET keeps the full path and parses the query in order")
    func fullPathAndQuery() throws {
        let head = try parse(
            "GET /v1/api/iserver/marketdata/snapshot?conids=265598,8314&fields=31,84&flag HTTP/1.1\r\nHost: x"
        ).get()
        #expect(head.method == "GET")
        #expect(head.path == "/v1/api/iserver/marketdata/snapshot")
        #expect(
            head.query == [
                URLQueryItem(name: "conids", value: "265598,8314"), URLQueryItem(name: "fields", value: "31,84"),
                URLQueryItem(name: "flag", value: nil),
            ])
        #expect(head.headers == ["Host": "x"])
        #expect(head.keepAlive)
        #expect(head.contentLength == nil)
    }

    @Test("percent-encoding is decoded in path and query; plus stays a plus")
    func percentDecoding() throws {
        let head = try parse("GET /a%20b?sym=BRK%20B&x=1+2 HTTP/1.1").get()
        #expect(head.path == "/a b")
        #expect(head.query == [URLQueryItem(name: "sym", value: "BRK B"), URLQueryItem(name: "x", value: "1+2")])
    }

    @Test("escapes decode as UTF-8; a broken escape or invalid UTF-8 is refused")
    func percentEdgeCases() {
        #expect(HTTPRequestParser.percentDecoded("caf%C3%A9%2fx") == "café/x")
        #expect(HTTPRequestParser.percentDecoded("100%") == nil)
        #expect(HTTPRequestParser.percentDecoded("%G1") == nil)
        #expect(HTTPRequestParser.percentDecoded("%FF") == nil)
        #expect(HTTPRequestParser.percentDecoded("") == "")
    }

    @Test("absolute-form targets are reduced to their path")
    func absoluteForm() throws {
        let head = try parse("GET http://127.0.0.1:5000/v1/api/tickle HTTP/1.1").get()
        #expect(head.path == "/v1/api/tickle")
    }

    @Test(
        "malformed heads are refused with the right status",
        arguments: [
            ("GARBAGE", 400),
            ("GET /x", 400),
            ("GET /x HTTP/1.1 extra", 400),
            ("GET  /x HTTP/1.1", 400),
            ("G(T /x HTTP/1.1", 400),
            ("GET x HTTP/1.1", 400),
            ("GET /x FTP/1.1", 400),
            ("GET /x HTTP/2.0", 505),
            ("GET /x HTTP/1.1\r\nNoColonHere", 400),
            ("GET /x HTTP/1.1\r\nA: 1\r\n folded", 400),
            ("GET /x HTTP/1.1\r\nBad Name: 1", 400),
            ("POST /x HTTP/1.1\r\nContent-Length: -1", 400),
            ("POST /x HTTP/1.1\r\nContent-Length: 12abc", 400),
            ("POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999", 400),
            ("POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4", 400),
            ("GET /x\u{7F} HTTP/1.1", 400),
        ])
    func malformed(head: String, status: Int) {
        switch parse(head) {
        case .success: Issue.record("accepted \(head.debugDescription)")
        case .failure(let rejection): #expect(rejection.status == status)
        }
    }

    @Test("too many header lines answer 431")
    func tooManyHeaders() {
        let lines = (0..<101).map { "H\($0): v" }.joined(separator: "\r\n")
        #expect((try? parse("GET / HTTP/1.1\r\n" + lines).get()) == nil)
        if case .failure(let rejection) = parse("GET / HTTP/1.1\r\n" + lines) { #expect(rejection.status == 431) }
    }

    @Test(
        "keep-alive follows the version and Connection header",
        arguments: [
            ("HTTP/1.1", "", true),
            ("HTTP/1.1", "\r\nConnection: close", false),
            ("HTTP/1.1", "\r\nConnection: Keep-Alive, Upgrade", true),
            ("HTTP/1.0", "", false),
            ("HTTP/1.0", "\r\nConnection: keep-alive", true),
        ])
    func keepAlive(version: String, header: String, expected: Bool) throws {
        let head = try parse("GET / \(version)\(header)").get()
        #expect(head.keepAlive == expected)
    }

    @Test("repeated headers are joined; Expect and Transfer-Encoding are noticed")
    func headerDetails() throws {
        let head = try parse(
            "POST /o HTTP/1.1\r\nAccept: a\r\nAccept: b\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked"
        ).get()
        #expect(head.headers["Accept"] == "a, b")
        #expect(head.expectsContinue)
        #expect(head.hasTransferEncoding)
    }
}

@Suite("HTTPRequestParser header names")
struct HTTPRequestParserHeaderNameTests {
    @Test(
        "framing headers are recognised in any case, look-alikes are not",
        arguments: [
            ("Content-Length", true), ("content-length", true), ("CONTENT-LENGTH", true), ("Content-Lengt_", false),
            ("Content_Length", false), ("Connection", true), ("cOnNeCtIoN", true), ("Expect", true),
            ("Transfer-Encoding", true), ("X-Length-Content", false),
        ])
    func recognised(name: String, framing: Bool) {
        #expect((HTTPRequestParser.framingHeader(Substring(name)) != nil) == framing)
    }
}
