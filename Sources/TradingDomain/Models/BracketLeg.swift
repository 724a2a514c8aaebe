/// Which part of a bracket an acknowledgement belongs to.
public enum BracketLeg: String, Sendable, Hashable, Codable, CaseIterable {
    case entry
    case takeProfit = "take_profit"
    case stopLoss = "stop_loss"
}
