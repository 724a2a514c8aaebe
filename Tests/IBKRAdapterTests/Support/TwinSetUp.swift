import Foundation
import GatewayTwin
import HTTPCore

/// Requests a scenario's set-up sends to the twin itself, before the adapter starts.
enum TwinSetUp {
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends one request to the twin; a non-2xx answer or an `error` body stops the set-up with the twin's text.
    @discardableResult
    static func send(_ twin: GatewayTwin, _ method: String, _ path: String, _ body: String? = nil) throws -> String {
        let response = twin.handle(HTTPRequest(method: method, path: path, body: body.map { Data($0.utf8) }))
        let text = response.text
        guard (200..<300).contains(response.status), !text.hasPrefix("{\"error\"") else {
            throw Refused(description: "the twin refused the set-up \(method) \(path): \(response.status) \(text)")
        }
        return text
    }

    /// Places one order (a JSON object in the ticket shape of cpapi.md §6.1), confirming every question, and
    /// answers the twin's acknowledgement.
    @discardableResult
    static func place(_ twin: GatewayTwin, _ order: String) throws -> String {
        try send(twin, "GET", "/iserver/accounts")
        var answer = try send(
            twin, "POST", "/iserver/account/\(TwinScenario.account)/orders", "{\"orders\":[\(order)]}")
        for _ in 0..<10 {
            guard let id = replyID(in: answer) else { return answer }
            answer = try send(twin, "POST", "/iserver/reply/\(id)", "{\"confirmed\":true}")
        }
        throw Refused(description: "the twin kept asking questions for the set-up order \(order)")
    }

    private static func replyID(in answer: String) -> String? {
        guard let data = answer.data(using: .utf8),
            let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
            let first = rows.first, first["message"] != nil
        else { return nil }
        return first["id"] as? String
    }
}
