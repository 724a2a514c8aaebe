import FoundationEssentials

/// One holding: signed quantity, average cost per share (commissions included, as IBKR reports it) and the
/// realized P&L booked on it.
struct TwinPosition: Sendable, Hashable {
    var quantity: Decimal = 0
    var averageCost: Decimal = 0
    var realizedPnl: Decimal = 0
}

/// The paper account's money: cash, positions, realized P&L and commissions, all `Decimal`.
struct TwinLedger: Sendable {
    /// Reg T rates the summary and whatif use.
    static let initialMarginRate = Decimal(string: "0.5") ?? 0
    static let maintenanceMarginRate = Decimal(string: "0.25") ?? 0

    var cash: Decimal
    var positions: [Int: TwinPosition] = [:]
    var realizedPnl: Decimal = 0
    var commissions: Decimal = 0
    /// The lowest quantity each position reached after any execution (shorts are negative): a short that a later
    /// fill covered still shows here.
    var lowestQuantity: [Int: Decimal] = [:]

    init(cash: Decimal) {
        self.cash = cash
    }

    /// Books one execution: cash moves by value and commission; the position's cost or realized P&L updates.
    mutating func apply(conid: Int, side: TwinSide, quantity: Decimal, price: Decimal, commission: Decimal) {
        let value = quantity * price
        cash += side == .buy ? -(value + commission) : (value - commission)
        commissions += commission
        var position = positions[conid] ?? TwinPosition()
        let signed = side == .buy ? quantity : -quantity
        let held = position.quantity
        if held == 0 || (held > 0) == (signed > 0) {
            let newQuantity = held + signed
            let heldCost = abs(held) * position.averageCost
            let addedCost = side == .buy ? value + commission : value - commission
            position.averageCost = (heldCost + addedCost) / abs(newQuantity)
            position.quantity = newQuantity
        } else {
            let closing = min(abs(signed), abs(held))
            let perShare = held > 0 ? price - position.averageCost : position.averageCost - price
            let realized = perShare * closing - commission
            position.realizedPnl += realized
            realizedPnl += realized
            let newQuantity = held + signed
            if newQuantity != 0 && (newQuantity > 0) != (held > 0) { position.averageCost = price }
            position.quantity = newQuantity
        }
        positions[conid] = position
        lowestQuantity[conid] = min(lowestQuantity[conid] ?? held, position.quantity)
    }

    /// Market value of all positions (shorts negative) at the given prices.
    func stockMarketValue(prices: [Int: Decimal]) -> Decimal {
        positions.keys.sorted().reduce(Decimal(0)) { sum, conid in
            sum + (positions[conid]?.quantity ?? 0) * (prices[conid] ?? 0)
        }
    }

    /// Absolute market value of all positions.
    func grossPositionValue(prices: [Int: Decimal]) -> Decimal {
        positions.keys.sorted().reduce(Decimal(0)) { sum, conid in
            sum + abs((positions[conid]?.quantity ?? 0) * (prices[conid] ?? 0))
        }
    }

    /// Unrealized P&L across positions at the given prices.
    func unrealizedPnl(prices: [Int: Decimal]) -> Decimal {
        positions.keys.sorted().reduce(Decimal(0)) { sum, conid in
            guard let position = positions[conid] else { return sum }
            return sum + ((prices[conid] ?? 0) - position.averageCost) * position.quantity
        }
    }

    /// The account figures the summary, ledger and whatif report, derived from one set of prices.
    func figures(prices: [Int: Decimal]) -> AccountFigures {
        let market = stockMarketValue(prices: prices)
        let gross = grossPositionValue(prices: prices)
        let netLiquidation = cash + market
        let initial = gross * Self.initialMarginRate
        let maintenance = gross * Self.maintenanceMarginRate
        return AccountFigures(
            cash: cash, stockMarketValue: market, grossPositionValue: gross, netLiquidation: netLiquidation,
            initialMargin: initial, maintenanceMargin: maintenance,
            availableFunds: netLiquidation - initial, excessLiquidity: netLiquidation - maintenance,
            unrealizedPnl: unrealizedPnl(prices: prices), realizedPnl: realizedPnl)
    }
}

/// Derived account figures at one instant.
struct AccountFigures: Sendable {
    var cash: Decimal
    var stockMarketValue: Decimal
    var grossPositionValue: Decimal
    var netLiquidation: Decimal
    var initialMargin: Decimal
    var maintenanceMargin: Decimal
    var availableFunds: Decimal
    var excessLiquidity: Decimal
    var unrealizedPnl: Decimal
    var realizedPnl: Decimal

    /// Buying power as IBKR's margin accounts show it (four times available funds).
    var buyingPower: Decimal { max(0, availableFunds * 4) }
}
