import FoundationEssentials
import MCPKit
import TradingSafety

/// A person confirms every live-money order before it is sent. With a client that can show a form, the question is
/// asked through MCP elicitation (handshake era: a request; modern era: `InputRequired`, handled by MCPKit).
/// Otherwise the call must carry a `confirmation_token` bound to this exact order: the first call without one
/// fails with `confirmation_required` and the token, which the agent passes back once the user agreed.
enum LiveConfirmation {
    static let tokenArgument = "confirmation_token"

    /// The schema fragment every order tool adds to its arguments.
    static let tokenSchema: JSONValue = [
        "type": ["string", "null"],
        "description": .string(
            "Live-money orders only: the token from preview_order or from a confirmation_required error, "
                + "passed after the user agreed to this exact order (single use, 60 s)."),
    ]

    /// Returns when the order may go ahead; throws `ToolFailure` (or `InputRequired`) otherwise.
    /// `subject`, when given, is checked against the guards first, so nobody is asked to confirm an order the
    /// guards would refuse anyway.
    static func check(
        _ environment: ToolEnvironment, context: ToolContext, arguments: ToolArguments, binding: String,
        summary: String, subject: SafetyGuards.Subject? = nil
    ) async throws {
        // A malformed token is refused everywhere, even where no confirmation is needed.
        let token = try arguments.string(tokenArgument, maxLength: 128)
        guard environment.requiresConfirmation else { return }
        if let subject, let broker = environment.broker,
            case .block(_, let error) = await broker.evaluate(subject).decision
        {
            throw error
        }
        let now = environment.now()
        if let token {
            try environment.confirmations.redeem(token, for: binding, at: now)
            return
        }
        if context.supportsElicitation {
            let response = try await context.elicit(
                key: "confirm_live_order",
                message: "REAL MONEY: \(summary). Send this order?",
                requestedSchema: [
                    "type": "object",
                    "properties": [
                        "confirm": ["type": "boolean", "title": "Send this real-money order", "default": false]
                    ],
                    "required": ["confirm"],
                ])
            guard response.action == .accept, response.content["confirm"] == .bool(true) else {
                throw ToolFailure(
                    code: "not_confirmed", message: "The user did not confirm \(summary). Nothing was sent.",
                    hint: "ask the user what to change before trying again")
            }
            return
        }
        let issued = environment.confirmations.issue(for: binding, at: now)
        throw ToolFailure(
            code: "confirmation_required",
            message: "REAL MONEY: \(summary) needs the user's confirmation. Nothing was sent.",
            hint: "show the order to the user; if they agree, call the same tool with the same arguments plus "
                + "confirmation_token (valid 60 s, single use)",
            confirmationToken: issued)
    }
}
