/// One instrument a symbol or company-name search found.
public struct SymbolMatch: Sendable, Hashable {
    public var symbol: String
    public var contractID: ContractID
    public var companyName: String?
    /// The listing's exchange (`NASDAQ`, `NYSE`, …); nil when the broker did not say (name searches).
    public var exchange: String?

    public init(symbol: String, contractID: ContractID, companyName: String?, exchange: String?) {
        self.symbol = symbol
        self.contractID = contractID
        self.companyName = companyName
        self.exchange = exchange
    }
}
