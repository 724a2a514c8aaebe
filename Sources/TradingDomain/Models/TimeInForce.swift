/// How long an order stays working.
public enum TimeInForce: String, Sendable, Hashable, Codable, CaseIterable {
    /// Until the end of the trading day.
    case day = "DAY"
    /// Until filled or cancelled; protective stops use it so they do not expire at the close.
    case goodTillCancelled = "GTC"
}
