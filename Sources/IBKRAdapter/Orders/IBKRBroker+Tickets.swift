import FoundationEssentials
import TradingDomain

/// Domain orders → IBKR order tickets, applying the instrument's rules and the account's capabilities.
extension IBKRBroker {
    /// Builds the ticket for `order`. Quantities and prices go through `WireDecimal`: a SELL quantity is rounded
    /// down to `fraqInt` decimals; a BUY quantity the instrument cannot take exactly is refused rather than
    /// silently changed; a buy limit rounds down to the tick and a sell limit up.
    func ticket(
        for order: OrderRequest, conid: ContractID, rules: ContractRules, clientOrderID: String?, parentID: String?
    ) throws -> CPAPIOrderTicket {
        let kind = order.type.kind
        var ticket = CPAPIOrderTicket(
            conid: conid.value, orderType: kind.rawValue, side: order.side.rawValue, tif: order.timeInForce.rawValue,
            cOID: clientOrderID, parentId: parentID)
        if order.outsideRegularHours { ticket.outsideRTH = true }
        switch order.size {
        case .quantity(let quantity):
            ticket.quantity = try wireQuantity(quantity, side: order.side, kind: kind, rules: rules)
        case .cash(let amount):
            try checkCashAllowed(kind: kind, rules: rules)
            ticket.cashQty = try wire { try WireDecimal.cash(amount) }
        }
        let tick = rules.priceTick ?? settings.defaultPriceTick
        let limitRounding: WireDecimal.PriceRounding = order.side == .buy ? .down : .up
        switch order.type {
        case .market:
            break
        case .limit(let limit):
            ticket.price = try wire { try WireDecimal.price(limit, tick: tick, rounding: limitRounding) }
        case .stop(let trigger):
            // IBKR takes a STP's trigger in `price`, not `auxPrice` (cpapi.md §6.1).
            ticket.price = try wire { try WireDecimal.price(trigger, tick: tick) }
        case .stopLimit(let trigger, let limit):
            ticket.price = try wire { try WireDecimal.price(limit, tick: tick, rounding: limitRounding) }
            ticket.auxPrice = try wire { try WireDecimal.price(trigger, tick: tick) }
        case .trailing(let offset):
            switch offset {
            case .amount(let amount):
                ticket.trailingAmt = try wire { try WireDecimal.price(amount, tick: tick) }
                ticket.trailingType = "amt"
            case .percent(let percent):
                ticket.trailingAmt = WireDecimal(exactly: percent.rounded(places: 2))
                ticket.trailingType = "%"
            }
        }
        return ticket
    }

    private func wireQuantity(
        _ quantity: Decimal, side: OrderSide, kind: OrderType.Kind, rules: ContractRules
    ) throws -> WireDecimal {
        let whole = quantity.rounded(places: 0, mode: .down) == quantity
        if !whole {
            if lastCapabilities?.supportsFractions == false {
                throw TradingError.invalid(
                    "quantity", "\(quantity) is fractional but this account does not support fractions",
                    hint: "use a whole number of shares")
            }
            let typeName = ContractRules.rulesName(kind)
            guard rules.fractionDecimals > 0, rules.fractionalOrderTypes.contains(typeName) else {
                throw TradingError.invalid(
                    "quantity",
                    "\(quantity) is fractional but IBKR allows fractions for this instrument only with "
                        + (rules.fractionalOrderTypes.isEmpty
                            ? "no order type" : rules.fractionalOrderTypes.sorted().joined(separator: ", ")),
                    hint: "use a whole number of shares")
            }
        }
        let rounded = try wire { try WireDecimal.quantity(quantity, decimals: rules.fractionDecimals) }
        if side == .buy && rounded.value != quantity {
            throw TradingError.invalid(
                "quantity", "\(quantity) has more than the \(rules.fractionDecimals) decimal(s) IBKR allows here",
                hint: "round the quantity to \(rules.fractionDecimals) decimal(s)")
        }
        return rounded
    }

    private func checkCashAllowed(kind: OrderType.Kind, rules: ContractRules) throws {
        if lastCapabilities?.supportsCashQuantity == false {
            throw TradingError.invalid(
                "cashAmount", "this account does not support cash-sized orders (supportsCashQty is false)",
                hint: "size the order by quantity")
        }
        guard rules.cashOrderTypes.contains(ContractRules.rulesName(kind)) else {
            throw TradingError.invalid(
                "cashAmount", "IBKR does not take cash-sized \(kind.rawValue) orders for this instrument",
                hint: "size the order by quantity")
        }
    }

    /// Turns a `WireValueError` into an `invalidRequest`.
    private func wire(_ make: () throws -> WireDecimal) throws -> WireDecimal {
        do {
            return try make()
        } catch let error as WireValueError {
            throw TradingError(.invalidRequest, error.message, hint: error.hint)
        }
    }
}
