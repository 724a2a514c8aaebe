import MCPKit
import TradingDomain

/// A failure a tool reports in the envelope: a stable code, what failed and why, and what to do next. Every error a
/// tool can meet is turned into one of these (`ToolFailure.from`), so no stack trace or internal description ever
/// reaches the agent.
struct ToolFailure: Error, Sendable, Equatable {
    var code: String
    var message: String
    var hint: String
    /// The argument at fault, for bad input.
    var argument: String?
    /// The broker's own words, verbatim.
    var brokerMessage: String?
    /// For `approval_pending`: the request's short reference, which a person passes to `valet confirm`. It
    /// approves nothing by itself.
    var approvalReference: String?

    init(
        code: String, message: String, hint: String, argument: String? = nil, brokerMessage: String? = nil,
        approvalReference: String? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.argument = argument
        self.brokerMessage = brokerMessage
        self.approvalReference = approvalReference
    }

    /// Bad input: names the argument and says what is allowed. Nothing was sent.
    static func invalid(_ argument: String, _ rule: String, hint: String? = nil) -> ToolFailure {
        ToolFailure(
            code: "invalid_argument", message: "\(argument): \(rule). Nothing was sent.",
            hint: hint ?? "fix \(argument) and call again", argument: argument)
    }

    /// Arguments that break the tool's input schema (checked by the server before the tool runs), answered in the
    /// same envelope as every other failure, naming the first argument at fault.
    @Sendable static func schemaProblems(_ problems: [String]) -> CallToolResult {
        let argument = problems.first.flatMap { problem -> String? in
            guard problem.hasPrefix("arguments.") else { return nil }
            let rest = problem.dropFirst("arguments.".count)
            return rest.split(whereSeparator: { $0 == ":" || $0 == "." || $0 == "[" }).first.map(String.init)
        }
        let failure = ToolFailure(
            code: "invalid_argument", message: "\(problems.joined(separator: "; ")). Nothing was sent.",
            hint: "fix the arguments as the tool's input schema says and call again", argument: argument)
        return failure.envelope
    }

    /// The tool needs the broker, and this server runs without one.
    static let noGateway = ToolFailure(
        code: "no_gateway", message: "This server runs without a gateway, so it cannot reach the broker.",
        hint: "start the server with a gateway (valet serve --gateway twin|live|replay)")

    /// Maps any thrown error to a failure. Only `TradingError`s and Valet's own failures carry their text; any
    /// other error gets a generic message so internals are never shown.
    static func from(_ error: any Error) -> ToolFailure {
        switch error {
        case let failure as ToolFailure:
            return failure
        case let trading as TradingError:
            return from(trading)
        case is CancellationError:
            return ToolFailure(
                code: "cancelled", message: "The call was cancelled before it finished.",
                hint: "if it was an order, check open_orders or reconcile_pending before sending it again")
        case let unavailable as ElicitationUnavailable:
            return from(unavailable)
        default:
            return ToolFailure(
                code: "internal_failure", message: "Valet met an unexpected internal problem; nothing more is known.",
                hint: "check open_orders and trade_history before retrying; report the problem if it repeats")
        }
    }

    static func from(_ error: TradingError) -> ToolFailure {
        var message = error.message
        if let broker = error.brokerMessage, !broker.isEmpty, !message.contains(broker) {
            message += " IBKR said: \(broker)"
        }
        let argument = error.field.map(ArgumentNames.snakeCase)
        if error.code == .invalidRequest, let argument, let field = error.field, field != argument {
            message = message.replacing(field, with: argument)
        }
        return ToolFailure(
            code: error.code.rawValue, message: message, hint: error.hint ?? defaultHint(error.code),
            argument: argument, brokerMessage: error.brokerMessage)
    }

    static func from(_ error: ElicitationUnavailable) -> ToolFailure {
        switch error {
        case .unsupportedByClient:
            return ToolFailure(
                code: "approval_pending", message: "This order needs a person's approval. Nothing was sent.",
                hint: "ask the user to approve it (valet confirm in a terminal), then call the tool again")
        case .timedOut:
            return ToolFailure(
                code: "not_confirmed", message: "Nobody answered the confirmation question in time. Nothing was sent.",
                hint: "ask the user again")
        case .failed:
            return ToolFailure(
                code: "not_confirmed", message: "The client could not ask for confirmation. Nothing was sent.",
                hint: "call the tool again; the user can approve the order with valet confirm in a terminal")
        }
    }

    static func defaultHint(_ code: TradingError.Code) -> String {
        switch code {
        case .sessionNotAuthenticated:
            return "log in to the Client Portal Gateway (with 2FA), then call session_status"
        case .outcomeUnknown, .unexpectedResponse:
            return "do not resend: run reconcile_pending or check open_orders to learn whether it was placed"
        case .contractNotFound: return "check the ticker symbol"
        case .orderNotFound: return "check the order id with open_orders"
        case .rateLimited: return "wait a few seconds and try again"
        case .brokerUnavailable: return "check that the gateway is running, then call session_status"
        case .marketClosed: return "call market_status for the next open, or use a GTC protective stop"
        default: return "read the message, fix the cause, and try again"
        }
    }

    /// The envelope's error object.
    var envelope: CallToolResult {
        var error: [String: JSONValue] = [
            "code": .string(code), "message": .string(message), "hint": .string(hint),
        ]
        if let argument { error["argument"] = .string(argument) }
        if let brokerMessage { error["broker_message"] = .string(brokerMessage) }
        if let approvalReference { error["approval_reference"] = .string(approvalReference) }
        return .structured(["ok": false, "error": .object(error)], isError: true)
    }
}

/// Domain field names (Swift spelling) mapped to the tools' argument names.
enum ArgumentNames {
    static func snakeCase(_ name: String) -> String {
        switch name {
        case "takeProfit": return "take_profit"
        case "stopLoss": return "stop_loss"
        case "entry": return "entry_limit_price"
        case "orderID": return "order_id"
        default:
            var out = ""
            for character in name {
                if character.isUppercase {
                    out += "_" + character.lowercased()
                } else {
                    out.append(character)
                }
            }
            return out
        }
    }
}
