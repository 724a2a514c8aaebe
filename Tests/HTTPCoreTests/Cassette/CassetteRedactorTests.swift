import Foundation
import Testing

@testable import HTTPCore

@Suite("CassetteRedactor")
struct CassetteRedactorTests {
    @Test(
        "account ids become numbered placeholders; look-alikes stay",
        arguments: [
            ("/portfolio/DU9085813/summary", "/portfolio/DU0000001/summary"),
            ("U1234567", "U0000001"),
            ("DF1234567", "DF0000001"),
            ("F7654321", "F0000001"),
            (#"{"acctId":"U12345678"}"#, #"{"acctId":"U0000001"}"#),
            ("a_U1234567", "a_U0000001"),
            ("DUMMY_ACCOUNT_ID123", "DUMMY_ACCOUNT_ID123"),
            ("F4:03:43:CD:BD:C0", "F4:03:43:CD:BD:C0"),
            ("JifN10044", "JifN10044"),
            ("xU1234567", "xU1234567"),
            ("U1234567x", "U1234567x"),
            ("U1234", "U1234"),
            ("U1234567890", "U1234567890"),
            ("265598", "265598"),
            ("du1234567", "du1234567"),
        ])
    func accountIDs(input: String, expected: String) {
        var redactor = CassetteRedactor()
        #expect(redactor.redactAccounts(in: input) == expected)
    }

    @Test("the same id gets the same placeholder everywhere; a new id gets the next number")
    func consistentMapping() {
        var redactor = CassetteRedactor()
        let first = redactor.redact(
            request: HTTPRequest(
                method: "POST", path: "/iserver/account/DU9085813/orders",
                query: [URLQueryItem(name: "acct", value: "DU9085813")],
                body: Data(#"{"orders":[{"acctId":"DU9085813"}]}"#.utf8)),
            response: .json(#"{"accounts":["All","DU9085813","U7631004"],"selectedAccount":"DU9085813"}"#),
            elapsedMs: 3)
        #expect(first.path == "/iserver/account/DU0000001/orders")
        #expect(first.query == [Cassette.QueryItem(name: "acct", value: "DU0000001")])
        #expect(first.requestBody == .json(.object(["orders": .array([.object(["acctId": .string("DU0000001")])])])))
        #expect(
            first.responseBody
                == .json(
                    .object([
                        "accounts": .array([.string("All"), .string("DU0000001"), .string("U0000002")]),
                        "selectedAccount": .string("DU0000001"),
                    ])))
        let second = redactor.redact(
            request: HTTPRequest(method: "GET", path: "/portfolio/U7631004/summary"), response: .json("{}"),
            elapsedMs: nil)
        #expect(second.path == "/portfolio/U0000002/summary")
        #expect(redactor.accountMap == ["DU9085813": "DU0000001", "U7631004": "U0000002"])
    }

    @Test("session tokens, user names, ids and addresses are masked at any depth")
    func sensitiveKeys() {
        var redactor = CassetteRedactor()
        let tickle = #"""
            {"session":"ce109cbeb462a76dc3f6f4182c830cc1","ssoExpires":585695,"userId":99996016,
             "iserver":{"authStatus":{"MAC":"F4:03:43:CD:BD:C0","authenticated":true,
             "hardware_info":"1c4558e8|F4:03:43:CD:BD:C0"}},
             "users":[{"userName":"jdoe","user_name":"jdoe","USER_NAME":"jdoe","sessionId":"6657fe5d.0000000a"}]}
            """#
        let body = redactor.redactBody(Data(tickle.utf8))
        let expected: Cassette.JSON = .object([
            "session": .string("REDACTED"), "ssoExpires": .integer(585695), "userId": .integer(0),
            "iserver": .object([
                "authStatus": .object([
                    "MAC": .string("REDACTED"), "authenticated": .bool(true), "hardware_info": .string("REDACTED"),
                ])
            ]),
            "users": .array([
                .object([
                    "userName": .string("REDACTED"), "user_name": .string("REDACTED"),
                    "USER_NAME": .string("REDACTED"), "sessionId": .string("REDACTED"),
                ])
            ]),
        ])
        #expect(body == .json(expected))
    }

    @Test("only Content-Type survives from response headers; cookies never reach the cassette")
    func headers() {
        var redactor = CassetteRedactor()
        let exchange = redactor.redact(
            request: HTTPRequest(
                method: "POST", path: "/tickle", headers: ["Cookie": "SBID=secret", "Authorization": "Bearer x"]),
            response: .json("{}", headers: ["Set-Cookie": "SBID=secret; Path=/", "X-Other": "1"]),
            elapsedMs: 1)
        #expect(exchange.headers == ["Content-Type": "application/json;charset=utf-8"])
    }

    @Test("sensitive query values are masked and text bodies keep their text")
    func queryAndText() {
        var redactor = CassetteRedactor()
        let exchange = redactor.redact(
            request: HTTPRequest(method: "GET", path: "/x", query: [URLQueryItem(name: "session", value: "abc")]),
            response: HTTPResponse(status: 200, body: Data("Success for U1234567".utf8)), elapsedMs: nil)
        #expect(exchange.query == [Cassette.QueryItem(name: "session", value: "REDACTED")])
        #expect(exchange.responseBody == .text("Success for U0000001"))
    }
}
