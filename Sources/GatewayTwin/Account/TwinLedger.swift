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
    /// `ShortDecimal` does the additions and products: the same decimals as Foundation's operators, without their
    /// cost when the numbers are short (a fill's value, cash, commissions); the average cost's division stays.
    mutating func apply(conid: Int, side: TwinSide, quantity: Decimal, price: Decimal, commission: Decimal) {
        let value = ShortDecimal.multiply(quantity, price)
        cash =
            side == .buy
            ? ShortDecimal.subtract(cash, ShortDecimal.add(value, commission))
            : ShortDecimal.add(cash, ShortDecimal.subtract(value, commission))
        commissions = ShortDecimal.add(commissions, commission)
        var position = positions[conid] ?? TwinPosition()
        let signed = side == .buy ? quantity : -quantity
        let held = position.quantity
        if held == 0 || (held > 0) == (signed > 0) {
            let newQuantity = ShortDecimal.add(held, signed)
            let heldCost = ShortDecimal.multiply(abs(held), position.averageCost)
            let addedCost =
                side == .buy ? ShortDecimal.add(value, commission) : ShortDecimal.subtract(value, commission)
            position.averageCost = ShortDecimal.add(heldCost, addedCost) / abs(newQuantity)
            position.quantity = newQuantity
        } else {
            let closing = min(abs(signed), abs(held))
            let perShare =
                held > 0
                ? ShortDecimal.subtract(price, position.averageCost)
                : ShortDecimal.subtract(position.averageCost, price)
            let realized = ShortDecimal.subtract(ShortDecimal.multiply(perShare, closing), commission)
            position.realizedPnl = ShortDecimal.add(position.realizedPnl, realized)
            realizedPnl = ShortDecimal.add(realizedPnl, realized)
            let newQuantity = ShortDecimal.add(held, signed)
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
