/// One element of what the placement, reply and modify endpoints answer (cpapi.md §6.2): an acknowledgement
/// (`order_id`…) or a question (`id`, `message`, `messageIds`).
struct CPAPIOrderReplyElement: Decodable, Sendable {
    var id: FlexString?
    var message: [String]?
    var messageIds: [String]?
    var order_id: FlexString?
    var order_status: FlexString?
    var local_order_id: FlexString?
    var text: FlexString?
    var warning_message: FlexString?
    var error: FlexString?

    var isQuestion: Bool { id?.value != nil && message != nil }
}

/// The three shapes a placement answer takes: acknowledgements, a question, or `{"error": ...}`.
enum CPAPIOrderReply: Sendable {
    case acknowledged([CPAPIOrderReplyElement])
    case question(id: String, messageIDs: [String], texts: [String])
    case error(String)
    /// The p12-style server prompt or anything else.
    case other(String)
}

/// `DELETE …/order/{id}` (cpapi.md §6.8).
struct CPAPICancelAck: Decodable, Sendable {
    var msg: FlexString?
    var order_id: FlexString?
    var order_status: FlexString?
    var error: FlexString?
}
