/// The order grid of an instrument as the broker will accept it (its price tick and quantity decimals), so the
/// guards can check, fingerprint and journal an order exactly as it will be sent. The IBKR adapter conforms
/// from `/iserver/contract/rules` (cached per contract).
public protocol InstrumentRules: Sendable {
    /// The tick and quantity decimals of `symbol`.
    func orderGrid(for symbol: Symbol) async throws -> OrderGrid
}
