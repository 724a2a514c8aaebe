import FoundationEssentials

/// One line from the client, classified. Anything that is not a valid JSON-RPC 2.0 message becomes `.invalid`
/// carrying the error to answer with and the id to answer to (nil → `"id": null`).
public enum IncomingMessage: Sendable, Equatable {
    case request(id: RequestID, method: String, params: [String: JSONValue]?)
    case notification(method: String, params: [String: JSONValue]?)
    case response(id: RequestID, result: JSONValue?, error: JSONValue?)
    case invalid(id: RequestID?, error: JSONRPCError)

    /// Classifies one line of bytes (without its newline).
    public static func parse(_ line: Data) -> IncomingMessage {
        let parsed: (value: JSONValue, duplicates: [JSONParser.DuplicateKey])
        do {
            parsed = try JSONParser.parseReportingDuplicates(line)
        } catch {
            return .invalid(id: nil, error: .parseError("Parse error: the line is not valid JSON (\(error))"))
        }
        let message = classify(parsed.value)
        guard let duplicate = parsed.duplicates.first else { return message }
        return refusing(message, duplicate: duplicate)
    }

    /// A message with a repeated key is never acted on: which value counts is undefined, and a tool must not
    /// guess (`{"cash_amount":5,"cash_amount":500}` must not buy anything). A request is answered with an error
    /// naming the key (invalid params when the key is inside params, else invalid request); a response to one of
    /// the server's own requests (an elicitation answer) counts as an error answer, so nothing is confirmed by it.
    static func refusing(_ message: IncomingMessage, duplicate: JSONParser.DuplicateKey) -> IncomingMessage {
        let text =
            "the key \"\(duplicate.key)\" appears more than once in one object; send each key once. Nothing was done."
        switch message {
        case .invalid:
            return message
        case .request(let id, _, _):
            return .invalid(
                id: id,
                error: duplicate.depth == 1
                    ? .invalidRequest("Invalid request: \(text)") : .invalidParams("Invalid params: \(text)"))
        case .notification:
            return .invalid(id: nil, error: .invalidRequest("Invalid request: \(text)"))
        case .response(let id, _, _):
            return .response(
                id: id, result: nil,
                error: ["code": .int(JSONRPCError.invalidParamsCode), "message": .string("Invalid response: \(text)")])
        }
    }

    /// Classifies an already decoded JSON value.
    public static func classify(_ value: JSONValue) -> IncomingMessage {
        guard case .object(let object) = value else {
            if case .array = value {
                return .invalid(
                    id: nil,
                    error: .invalidRequest(
                        "Invalid request: batches (JSON arrays) are not supported; send one object per line")
                )
            }
            return .invalid(id: nil, error: .invalidRequest("Invalid request: a message must be a JSON object"))
        }
        var id: RequestID?
        let rawID = object["id"]
        if let rawID {
            id = RequestID(json: rawID)
            if id == nil {
                return .invalid(
                    id: nil,
                    error: .invalidRequest(
                        "Invalid request: \"id\" must be a string or an integer, not \(rawID.typeName)")
                )
            }
        }
        guard object["jsonrpc"] == .string("2.0") else {
            return .invalid(id: id, error: .invalidRequest("Invalid request: \"jsonrpc\" must be \"2.0\""))
        }
        guard let rawMethod = object["method"] else {
            guard let id else {
                return .invalid(id: nil, error: .invalidRequest("Invalid request: no \"method\" and no \"id\""))
            }
            let result = object["result"]
            let error = object["error"]
            guard (result == nil) != (error == nil) else {
                return .invalid(
                    id: id,
                    error: .invalidRequest("Invalid request: a response needs exactly one of \"result\" and \"error\"")
                )
            }
            return .response(id: id, result: result, error: error)
        }
        guard case .string(let method) = rawMethod, !method.isEmpty else {
            return .invalid(id: id, error: .invalidRequest("Invalid request: \"method\" must be a non-empty string"))
        }
        var params: [String: JSONValue]?
        switch object["params"] {
        case nil, .null?:
            params = nil
        case .object(let members)?:
            params = members
        case let other?:
            return .invalid(
                id: id,
                error: .invalidParams("Invalid params: \"params\" must be an object, not \(other.typeName)")
            )
        }
        if let id {
            return .request(id: id, method: method, params: params)
        }
        return .notification(method: method, params: params)
    }
}
