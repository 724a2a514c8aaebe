import FoundationEssentials
import HTTPCore
import TradingDomain

/// The order conversation: one POST, then IBKR's confirmation questions answered at once, all under the gate
/// (a reply id dies as soon as any other request reaches the gateway).
extension IBKRBroker {
    /// Sends an order request and answers its questions. A question is confirmed when every message in it is
    /// approved by `IBKRQuestionDecision` (its id on the allow-list, or an unknown or generic `o0` id whose text
    /// is a known approved question); anything else, including a question without ids or text, is declined and
    /// reported with IBKR's text. At most `settings.maxReplyRounds` questions are answered. `orderTypes` are the
    /// IBKR order types in the request (a question may be fine for one type and not another).
    func converse(_ request: CPAPIRequest, orderTypes: Set<String>) async throws -> [CPAPIOrderReplyElement] {
        let decision = IBKRQuestionDecision(allowed: allowedQuestionIDs)
        return try await exclusively { () async throws -> [CPAPIOrderReplyElement] in
            var response = try await performHoldingGate(request)
            var endpoint = request.endpoint
            var rounds = 0
            while true {
                switch Self.parseOrderReply(response) {
                case .acknowledged(let elements):
                    return elements
                case .error(let text):
                    throw Self.orderError(text, endpoint: endpoint, status: response.status)
                case .other(let text):
                    throw TradingError(
                        .unexpectedResponse, "\(endpoint) answered something Valet does not understand",
                        hint: "check open orders before retrying: IBKR may hold the order", brokerMessage: text)
                case .question(let id, let ids, let texts):
                    rounds += 1
                    let verdict = decision.verdict(ids: ids, texts: texts, orderTypes: orderTypes)
                    let approved = verdict.approved
                    guard approved, rounds <= settings.maxReplyRounds else {
                        await decline(id)
                        let shown = ids.isEmpty ? "(no id)" : ids.joined(separator: ", ")
                        if !approved {
                            let readAs = verdict.readAs.joined(separator: ", ")
                            let reading = readAs == shown ? "" : " (read as \(readAs))"
                            let fix =
                                ids.contains("o0") || ids.isEmpty
                                ? "the generic id cannot be allow-listed; if the text is expected, teach Valet its text"
                                : "if it is expected, add \(shown) to the allow-list"
                            throw TradingError(
                                .warningNotApproved,
                                "IBKR asked for confirmation \(shown)\(reading), which is not on the allow-list; Valet "
                                    + "declined and the order was not placed",
                                hint: "read IBKR's question; \(fix)",
                                brokerMessage: texts.joined(separator: "\n"))
                        }
                        throw TradingError(
                            .brokerRejected,
                            "IBKR asked more than \(settings.maxReplyRounds) confirmation questions; Valet declined "
                                + "the last one (\(shown)) and the order was not placed",
                            hint: "check the order; IBKR keeps asking", brokerMessage: texts.joined(separator: "\n"))
                    }
                    let reply = try replyRequest(id, confirmed: true)
                    endpoint = reply.endpoint
                    response = try await performHoldingGate(reply)
                }
            }
        }
    }

    private func replyRequest(_ id: String, confirmed: Bool) throws -> CPAPIRequest {
        let body = try CPAPIJSON.encode(CPAPIReplyBody(confirmed: confirmed))
        var request = CPAPIRequest.post("/iserver/reply/\(id)", json: body, idempotent: false)
        request.recoverable = false
        return request
    }

    /// Best effort: IBKR drops an unanswered reply id anyway once another request arrives.
    private func decline(_ id: String) async {
        guard let request = try? replyRequest(id, confirmed: false) else { return }
        _ = try? await sendPaced(request)
    }

    static func parseOrderReply(_ response: HTTPResponse) -> CPAPIOrderReply {
        let decoder = JSONDecoder()
        if let elements = try? decoder.decode([CPAPIOrderReplyElement].self, from: response.body), !elements.isEmpty {
            if let question = elements.first(where: \.isQuestion), let id = question.id?.value {
                return .question(id: id, messageIDs: question.messageIds ?? [], texts: question.message ?? [])
            }
            if elements.allSatisfy({ $0.order_id?.value != nil }) { return .acknowledged(elements) }
            if let error = elements.compactMap({ $0.error?.value }).first { return .error(error) }
        } else if let element = try? decoder.decode(CPAPIOrderReplyElement.self, from: response.body) {
            if let error = element.error?.value { return .error(error) }
            if element.isQuestion, let id = element.id?.value {
                return .question(id: id, messageIDs: element.messageIds ?? [], texts: element.message ?? [])
            }
            if element.order_id?.value != nil { return .acknowledged([element]) }
        }
        return .other(response.text)
    }

    /// Text IBKR uses when a `cOID` is already registered: an order with this client id exists.
    static let duplicateClientOrderIDMarker = "Local order ID="

    static func orderError(_ text: String, endpoint: String, status: Int) -> TradingError {
        if text.contains(duplicateClientOrderIDMarker) {
            return TradingError(
                .outcomeUnknown, "\(endpoint): IBKR already holds an order under this client order id",
                hint: "an earlier attempt reached IBKR: check open orders and executions; Valet did not resend",
                brokerMessage: text)
        }
        if text.lowercased().contains("doesn't exist") {
            return TradingError(.orderNotFound, "\(endpoint): IBKR does not know this order", brokerMessage: text)
        }
        return TradingError(
            .brokerRejected, "\(endpoint) (HTTP \(status)): IBKR refused the order",
            hint: "read IBKR's message; nothing was placed", brokerMessage: text)
    }

    /// IBKR's status words, compared without case or spaces (valet-reference.md §3.9). `PreSubmitted` is a
    /// working order: paper accounts report every working order so, and live ones while an order is held
    /// outside hours or simulated (cpapi.md §6.12, the §6.9/§6.10 captures); the word itself stays visible as the
    /// broker status.
    static func status(from word: String?) -> OrderStatus {
        guard let word else { return .unknown }
        switch word.lowercased().replacing(" ", with: "") {
        case "submitted", "presubmitted": return .submitted
        case "pendingsubmit", "pendingcancel": return .pending
        case "filled": return .filled
        case "cancelled", "canceled", "apicancelled": return .cancelled
        case "rejected": return .rejected
        case "inactive": return .inactive
        default: return .unknown
        }
    }

    static func ack(_ element: CPAPIOrderReplyElement, leg: BracketLeg? = nil) -> OrderAck? {
        guard let id = element.order_id?.value else { return nil }
        let word = element.order_status?.value
        return OrderAck(
            orderID: OrderID(id), clientOrderID: element.local_order_id?.value.flatMap { try? ClientOrderID($0) },
            status: status(from: word), brokerStatus: word,
            message: element.text?.value ?? element.warning_message?.value, leg: leg)
    }
}
