/// Bars of one instrument, oldest first, as the broker returned them.
public struct PriceHistory: Sendable, Hashable {
    public var symbol: Symbol
    public var contractID: ContractID
    public var window: HistoryWindow
    /// True when the broker marked the data delayed (IBKR `mdAvailability` "D", cpapi.md §5.2).
    public var delayed: Bool
    public var bars: [PriceBar]

    public init(symbol: Symbol, contractID: ContractID, window: HistoryWindow, delayed: Bool, bars: [PriceBar]) {
        self.symbol = symbol
        self.contractID = contractID
        self.window = window
        self.delayed = delayed
        self.bars = bars
    }
}
