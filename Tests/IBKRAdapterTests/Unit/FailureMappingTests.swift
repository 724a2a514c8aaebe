import Foundation
import HTTPCore
import Testing
import TradingDomain

@testable import IBKRAdapter

@Suite("HTTP failures keep IBKR's words and map to actionable codes")
struct FailureMappingTests {
    @Test(
        "status and body → code, with IBKR's text kept",
        arguments: [
            (400, #"{"error":"reply id not found: 'x'"}"#, TradingError.Code.brokerRejected, "reply id not found: 'x'"),
            (401, "", .sessionNotAuthenticated, nil),
            (404, "Access Denied", .brokerUnavailable, "Access Denied"),
            (429, #"{"error":"Too many requests"}"#, .rateLimited, "Too many requests"),
            (500, #"{"error":"Invalid account","statusCode":500}"#, .brokerRejected, "Invalid account"),
            (503, #"{"error":"Details currently unavailable."}"#, .brokerUnavailable, "Details currently unavailable."),
        ] as [(Int, String, TradingError.Code, String?)])
    func mapping(status: Int, body: String, code: TradingError.Code, text: String?) {
        let error = IBKRFailure.http(HTTPResponse(status: status, body: Data(body.utf8)), endpoint: "GET /x")
        #expect(error.code == code)
        #expect(error.brokerMessage == text)
        #expect(error.message.hasPrefix("GET /x answered HTTP \(status)"))
        #expect(error.hint?.isEmpty == false)
    }

    @Test("404 Access Denied points at ips.allow")
    func accessDenied() {
        let error = IBKRFailure.http(HTTPResponse(status: 404, body: Data("Access Denied".utf8)), endpoint: "GET /x")
        #expect(error.hint?.contains("ips.allow") == true)
    }

    @Test(
        "no answer: a timeout leaves an order's outcome unknown, a refused connection does not",
        arguments: [
            (TransportError.Code.timedOut, false, TradingError.Code.outcomeUnknown),
            (.timedOut, true, .brokerUnavailable), (.network, false, .outcomeUnknown),
            (.connectionRefused, false, .brokerUnavailable), (.tlsFailure, false, .brokerUnavailable),
            (.replayUnmatched, false, .replayDeviation), (.replayUnmatched, true, .replayDeviation),
        ] as [(TransportError.Code, Bool, TradingError.Code)])
    func transport(code: TransportError.Code, idempotent: Bool, expected: TradingError.Code) {
        let error = IBKRFailure.transport(
            TransportError(code: code, message: "m", hint: "h"), endpoint: "POST /o", idempotent: idempotent)
        #expect(error.code == expected)
    }
}
