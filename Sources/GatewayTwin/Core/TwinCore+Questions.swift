import FoundationEssentials

extension TwinCore {
    static let confirmSuffix = "\nAre you sure you want to submit this order?"

    /// The confirmation questions IBKR would ask for these tickets, in asking order, minus suppressed ids.
    func questions(for tickets: [OrderTicket]) -> [(String, String)] {
        var asked: [(String, String)] = []
        for ticket in tickets {
            for question in questions(for: ticket)
            where !session.suppressedMessageIds.contains(question.0) && !asked.contains(where: { $0.0 == question.0 }) {
                asked.append(question)
            }
        }
        return asked
    }

    private func questions(for ticket: OrderTicket) -> [(String, String)] {
        guard let instrument = market.instruments[ticket.conid], let quote = market.quotes[ticket.conid] else {
            return []
        }
        let last = quote.last
        let estimatedQuantity: Decimal =
            ticket.quantity ?? (last > 0 ? TwinFormat.roundDown((ticket.cashQty ?? 0) / last, scale: 4) : 0)
        let size = ticket.quantity.map { TwinFormat.quantity($0) } ?? TwinFormat.quantity(estimatedQuantity)
        let head = "\(ticket.side.rawValue) \(size) \(instrument.symbol) \(instrument.orderListingExchange)"
        var result: [(String, String)] = []
        if !instrument.hasMarketData {
            result.append(
                (
                    "o354",
                    "You are submitting an order without market data. We strongly recommend against this as it may "
                        + "result in erroneous and unexpected trades." + Self.confirmSuffix
                ))
        }
        if ticket.orderType == .limit || ticket.orderType == .stopLimit, let price = ticket.price, last > 0,
            abs(price - last) / last * 100 > configuration.priceConstraintPercent
        {
            let percent = TwinFormat.quantity(configuration.priceConstraintPercent)
            result.append(
                (
                    "o163",
                    "The following order \"\(head) @ \(TwinJSON.floatText(price))\" price exceeds \n"
                        + "the Percentage constraint of \(percent)%." + Self.confirmSuffix
                ))
        }
        if ticket.orderType.isStopFamily {
            result.append(
                (
                    "o10152",
                    "You are about to submit a stop order. Please be aware of the various stop order types available "
                        + "and the risks associated with each one." + Self.confirmSuffix
                ))
        }
        if ticket.cashQty != nil {
            result.append(
                (
                    "o10164",
                    "Traders are responsible for understanding cash quantity details, which are provided on a best "
                        + "efforts basis only." + Self.confirmSuffix
                ))
            result.append(
                (
                    "o10223",
                    "Cash Quantity Order Confirmation\nOrders that express size using a monetary value (cash quantity) "
                        + "are provided on a non-guaranteed basis. The system simulates the order by cancelling it "
                        + "once the specified amount is spent (for buy orders) or collected (for sell orders). The "
                        + "order also uses a maximum size calculated with the Cash Quantity Estimate Factor."
                        + Self.confirmSuffix
                ))
        }
        let fractional =
            ticket.cashQty != nil || ticket.quantity.map { TwinFormat.round($0, scale: 0, mode: .down) != $0 } == true
        if fractional && !phase(at: now).regular {
            result.append(
                (
                    "o2165",
                    "This instrument does not support trading in fractions outside regular trading hours."
                        + Self.confirmSuffix
                ))
        }
        let held = ledger.positions[ticket.conid]?.quantity ?? 0
        if ticket.side == .sell, ticket.parentId == nil, let quantity = ticket.quantity, quantity > max(held, 0) {
            result.append(
                ("o2137", "The closing order quantity is greater than your current position." + Self.confirmSuffix))
        }
        if estimatedQuantity > configuration.sizeLimit {
            let limit = TwinFormat.quantity(configuration.sizeLimit)
            result.append(
                (
                    "o383",
                    "The following order \"\(head)\" size exceeds the Size Limit of \(limit)." + Self.confirmSuffix
                ))
        }
        let value = (ticket.cashQty ?? estimatedQuantity * (ticket.price ?? last))
        if value > configuration.totalValueLimit {
            let estimate = TwinFormat.grouped(value, decimals: 2)
            let limit = TwinFormat.grouped(configuration.totalValueLimit, decimals: 0)
            result.append(
                (
                    "o451",
                    "The following order \"\(head)\" value estimate of \(estimate) USD exceeds the Total Value Limit "
                        + "of \(limit) USD." + Self.confirmSuffix
                ))
        }
        for rule in configuration.additionalQuestions
        where rule.orderTypes.isEmpty || rule.orderTypes.contains(ticket.orderType.rawValue) {
            result.append((rule.id, rule.message))
        }
        return result
    }
}
