/// The guards, in the order `GuardedBroker` applies them.
public enum GuardName: String, Sendable, Hashable, Codable, CaseIterable {
    case account
    case denyList = "deny_list"
    case allowList = "allow_list"
    case shortSale = "short_sale"
    case tradingHours = "trading_hours"
    case stopSide = "stop_side"
    case bracketExits = "bracket_exits"
    case orderValueCap = "order_value_cap"
    case unresolvedDispatch = "unresolved_dispatch"
    case duplicateWindow = "duplicate_window"
    case dailyCap = "daily_cap"
}
