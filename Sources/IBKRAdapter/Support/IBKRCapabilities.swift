import FoundationEssentials
import TradingDomain

/// What the logged-in account may do, from `/iserver/accounts` (`acctProps`). Nil means IBKR did not say.
public struct AccountCapabilities: Sendable, Hashable {
    public var selectedAccount: String?
    public var isPaper: Bool?
    /// Cash-sized orders (`cashQty`) are allowed.
    public var supportsCashQuantity: Bool?
    /// Fractional share quantities are allowed.
    public var supportsFractions: Bool?

    public init(
        selectedAccount: String? = nil, isPaper: Bool? = nil, supportsCashQuantity: Bool? = nil,
        supportsFractions: Bool? = nil
    ) {
        self.selectedAccount = selectedAccount
        self.isPaper = isPaper
        self.supportsCashQuantity = supportsCashQuantity
        self.supportsFractions = supportsFractions
    }
}

/// The order rules of one instrument, from `/iserver/contract/rules` (cached per conid).
public struct ContractRules: Sendable, Hashable {
    /// Decimal places allowed in a fractional quantity (`fraqInt`; 0 = whole shares only).
    public var fractionDecimals: Int
    /// Order types that may carry a fractional quantity (`fraqTypes`, IBKR's lower-case names).
    public var fractionalOrderTypes: Set<String>
    /// Order types that may be sized by cash (`cqtTypes`).
    public var cashOrderTypes: Set<String>
    /// The price increment (`increment`), when IBKR gave one.
    public var priceTick: Decimal?

    public init(
        fractionDecimals: Int, fractionalOrderTypes: Set<String>, cashOrderTypes: Set<String>, priceTick: Decimal?
    ) {
        self.fractionDecimals = fractionDecimals
        self.fractionalOrderTypes = fractionalOrderTypes
        self.cashOrderTypes = cashOrderTypes
        self.priceTick = priceTick
    }

    /// IBKR's lower-case name of an order type in the rules lists (`limit`, `market`, `stop`, …).
    static func rulesName(_ kind: OrderType.Kind) -> String {
        switch kind {
        case .market: return "market"
        case .limit: return "limit"
        case .stop: return "stop"
        case .stopLimit: return "stop_limit"
        case .trailing: return "trailing_stop"
        }
    }
}
