import FoundationEssentials

extension TwinCore {
    static let confirmSuffix = TwinQuestionCorpus.confirmSuffix

    /// The confirmation questions IBKR would ask for these tickets, in asking order, minus suppressed ids.
    func questions(for tickets: [OrderTicket]) -> [(String, String)] {
        var asked: [(String, String)] = []
        for ticket in tickets {
            for question in questions(for: ticket)
            // cpapi.md §6.4: the generic o0 cannot be suppressed by id.
            where (question.0 == "o0" || !session.suppressedMessageIds.contains(question.0))
                && !asked.contains(where: { $0.0 == question.0 })
            {
                asked.append(question)
            }
        }
        return asked
    }

    static func pair(_ question: TwinQuestion) -> (String, String) { (question.id, question.text) }

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
            result.append(Self.pair(TwinQuestionCorpus.missingMarketData))
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
            // cpapi.md §6.2 form 4 / ibind's table: far limits may also meet the Price Management Algo prompt.
            if questionRNG.nextBool(probability: configuration.questionVariants.farLimitAsksP12) {
                result.append(Self.pair(TwinQuestionCorpus.priceManagementAlgo))
            }
        }
        if ticket.orderType == .market,
            questionRNG.nextBool(probability: configuration.questionVariants.marketAsksTrigger)
        {
            // recordings/order-market-day-rec-a.json: a market order met the generic o0 question.
            result.append(Self.pair(TwinQuestionCorpus.marketTriggerGeneric))
        }
        if ticket.orderType.isStopFamily {
            // ibind's table and cpapi.md §6.4: o10331 carries this wording; ibind matches o10152 by another text.
            let current = questionRNG.nextBool(probability: configuration.questionVariants.stopAsksO10331)
            result.append(Self.pair(current ? TwinQuestionCorpus.stopRisks : TwinQuestionCorpus.stopVariant))
        }
        if ticket.cashQty != nil {
            result.append(Self.pair(TwinQuestionCorpus.cashQuantity))
            result.append(Self.pair(TwinQuestionCorpus.cashQuantityOrder))
        }
        let fractional =
            ticket.cashQty != nil || ticket.quantity.map { TwinFormat.round($0, scale: 0, mode: .down) != $0 } == true
        if fractional && !phase(at: now).regular {
            result.append(Self.pair(TwinQuestionCorpus.fractionsOutsideRTH))
        }
        let held = ledger.positions[ticket.conid]?.quantity ?? 0
        if ticket.side == .sell, ticket.parentId == nil, let quantity = ticket.quantity, quantity > max(held, 0) {
            result.append(Self.pair(TwinQuestionCorpus.closingQuantity))
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
