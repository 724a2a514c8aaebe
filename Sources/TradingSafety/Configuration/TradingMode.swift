import FoundationEssentials

/// The account kind the configuration says Valet talks to (IBKR_TRADING_MODE); a label that must agree with what
/// IBKR reports (`isPaper`), checked by the guards before every order.
public enum TradingMode: String, Hashable, Sendable, CaseIterable, Codable {
    case paper
    case live
}
