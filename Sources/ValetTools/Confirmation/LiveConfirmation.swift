import FoundationEssentials
import MCPKit
import TradingDomain
import TradingSafety

/// A person approves every live real-money order before it is sent, and only a person can: nothing an agent sends
/// or receives approves an order. A client that can show a form asks the person through MCP elicitation (handshake
/// era: a request; 2026-07-28: `InputRequired`, handled by MCPKit). Otherwise the order is recorded as a pending
/// request in the approvals file beside the journal, and the person approves it in a terminal with
/// `valet confirm`; the agent learns only that approval is pending, its reference, and what the person must do.
/// Either way the approval is bound to the exact resolved order and journaled before the order's intent.
enum LiveConfirmation {
    /// Returns when the order may go ahead; throws `ToolFailure` (or `InputRequired`) otherwise. The guards run
    /// first, so nobody is asked to approve an order they would refuse anyway.
    static func check(
        _ environment: ToolEnvironment, context: ToolContext, tool: String, summary: String,
        subject: SafetyGuards.Subject, modifying orderID: OrderID? = nil, guardsFirst: Bool = true
    ) async throws {
        guard await environment.needsPersonApproval(), let broker = environment.broker else { return }
        let report = await broker.evaluate(subject)
        if guardsFirst, case .block(_, let error) = report.decision { throw error }
        let request = ApprovalRequest(
            tool: tool, account: await account(broker), order: subject.fingerprint,
            timeInForce: subject.order.timeInForce, modifies: orderID?.value, estimatedCost: report.notional,
            summary: summary)
        if context.supportsElicitation {
            do {
                try await askInClient(request, context: context)
                try record(request, environment: environment, broker: broker, reference: nil)
                return
            } catch ElicitationUnavailable.failed {
                // The client could not put the question; a person can still approve it in a terminal.
            }
        }
        guard let store = environment.approvals else {
            throw ToolFailure(
                code: "approval_unavailable",
                message: "REAL MONEY: \(summary) needs a person's approval, and this server has no way to ask one. "
                    + "Nothing was sent.",
                hint: "use an MCP client that supports elicitation, or run the server with a trade journal so "
                    + "valet confirm can approve orders")
        }
        switch try store.decide(request, now: environment.now(), reference: environment.approvalReferences) {
        case .approved(let approval):
            try record(request, environment: environment, broker: broker, reference: approval.reference)
        case .pending(let approval):
            let expires = environment.calendar.iso8601(approval.requestExpiresAt)
            throw ToolFailure(
                code: "approval_pending",
                message: "REAL MONEY: \(summary) waits for a person's approval (request \(approval.reference), open "
                    + "until \(expires)). Nothing was sent.",
                hint: "ask the user to run `valet confirm \(approval.reference)` in a terminal and approve this "
                    + "exact order; then call \(tool) again with the same arguments. A different order needs a "
                    + "new approval.",
                approvalReference: approval.reference)
        }
    }

    /// The account the order goes to, as the broker reports it (the configured one when it cannot say).
    static func account(_ broker: GuardedBroker) async -> String {
        if let selected = (try? await broker.accountIdentity())?.selectedAccount { return selected.value }
        return broker.policy.expectedAccount?.value ?? "unknown"
    }

    /// Asks through the client's form. The question's key is derived from the exact order, so an answer given for
    /// one order can never be replayed for another on the 2026-07-28 retry.
    static func askInClient(_ request: ApprovalRequest, context: ToolContext) async throws {
        let response = try await context.elicit(
            key: "approve_live_order_\(digest(request))",
            message: "REAL MONEY on account \(request.account): \(request.summary)"
                + (request.estimatedCost.map { ", estimated value \($0)" } ?? "") + ". Send this order?",
            requestedSchema: [
                "type": "object",
                "properties": [
                    "confirm": ["type": "boolean", "title": "Send this real-money order", "default": false]
                ],
                "required": ["confirm"],
            ])
        guard response.action == .accept, response.content["confirm"] == .bool(true) else {
            throw ToolFailure(
                code: "not_confirmed", message: "The user did not approve \(request.summary). Nothing was sent.",
                hint: "ask the user what to change before trying again")
        }
    }

    /// Journals the person's approval just before the order's intent (an `approval` line of its own).
    static func record(
        _ request: ApprovalRequest, environment: ToolEnvironment, broker: GuardedBroker, reference: String?
    ) throws {
        let id = reference ?? environment.approvalReferences()
        let how =
            reference == nil
            ? "approved by a person in the MCP client's form (elicitation)"
            : "approved by a person in a terminal (valet confirm \(id))"
        let action: JournalRecord.Action =
            switch request.tool {
            case "modify_order": .modify
            case "bracket_order": .bracket
            default: .place
            }
        try broker.journal.append(
            JournalRecord(
                kind: .approval, timestamp: environment.now(), clientOrderID: try ClientOrderID("approval-\(id)"),
                action: action, account: request.account, paper: false, order: request.order,
                timeInForce: request.timeInForce, notional: request.estimatedCost, message: "\(request.tool): \(how)"))
    }

    /// A stable 64-bit FNV-1a digest of the order's identity (not `Hasher`, which is seeded per process).
    static func digest(_ request: ApprovalRequest) -> String {
        var identity = request
        identity.estimatedCost = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(identity)) ?? Data(request.summary.utf8)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}

extension LiveConfirmation {
    /// `close_position` is approved as the order it will send: the whole position as the broker reports it now,
    /// quantity included, so an approval to close 10 shares never closes 500. Nothing held: nothing to approve.
    /// Answers the signed position approved (nil when no approval was needed), which the close must still find.
    static func checkClose(
        _ environment: ToolEnvironment, context: ToolContext, symbol: Symbol
    ) async throws -> Decimal? {
        guard await environment.needsPersonApproval(), let broker = environment.broker else { return nil }
        let held = try await broker.positions().first { $0.symbol == symbol }?.quantity ?? 0
        guard held != 0 else { return nil }
        let order = try OrderFlow.request(symbol, held > 0 ? .sell : .buy, .quantity(held.magnitude), .market, .day)
        try await check(
            environment, context: context, tool: "close_position",
            summary: "close the whole \(symbol.value) position: \(OrderFlow.summary(order))", subject: .order(order),
            // close_position cancels the resting orders on the closing side before it sells, so the sale's
            // guards are run by the close itself, after those cancels; judged now, the sale would look like an
            // over-commitment of the position.
            guardsFirst: false)
        return held
    }
}
