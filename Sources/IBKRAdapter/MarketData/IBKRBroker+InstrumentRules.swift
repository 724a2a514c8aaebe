import TradingDomain

/// The contract rules as the domain's order grid, so the guards round an order as the tickets will
/// (`IBKRBroker+Tickets` keeps its own rounding as a last defence).
extension IBKRBroker: InstrumentRules {
    /// The tick (`increment`, else the settings' default) and quantity decimals (`fraqInt`) of `symbol`, from the
    /// cached contract id and rules.
    public func orderGrid(for symbol: Symbol) async throws -> OrderGrid {
        let rules = try await contractRules(for: try await contractID(for: symbol))
        return OrderGrid(
            priceTick: rules.priceTick ?? settings.defaultPriceTick, quantityDecimals: rules.fractionDecimals)
    }
}
