import FoundationEssentials
import HTTPCore

extension TwinCore {
    /// `POST /iserver/account/{acct}/orders/whatif`: amount, commission and margin impact as IBKR-formatted strings.
    func whatif(account: String, body: TwinJSON?) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        guard let object = orderObjects(body)?.first ?? (body?["conid"] != nil ? body : nil) else {
            return TwinHTTP.error("Body must be {\"orders\": [ ... ]} with one order", status: 400)
        }
        let ticket: OrderTicket
        switch parseTickets([object]) {
        case .success(let parsed):
            guard let first = parsed.first else { return TwinHTTP.error("no order", status: 400) }
            ticket = first
        case .failure(.rejected(let message)): return TwinHTTP.json(.object(["error": .string(message)]))
        case .failure(.malformed(let message)): return TwinHTTP.error(message, status: 400)
        }
        guard let instrument = market.instruments[ticket.conid], let quote = market.quotes[ticket.conid] else {
            return TwinHTTP.error("unknown conid", status: 400)
        }
        let reference =
            ticket.orderType == .limit ? (ticket.price ?? quote.last) : (ticket.side == .buy ? quote.ask : quote.bid)
        let quantity =
            ticket.quantity
            ?? (reference > 0 ? TwinFormat.roundDown((ticket.cashQty ?? 0) / reference, scale: instrument.fraqInt) : 0)
        let value = ticket.cashQty ?? quantity * reference
        let commission = TwinCommission.fixed(quantity: quantity, value: quantity * reference)
        let before = ledger.figures(prices: marks)
        let signed = ticket.side == .buy ? quantity : -quantity
        let held = ledger.positions[ticket.conid]?.quantity ?? 0
        let grossChange = (abs(held + signed) - abs(held)) * reference
        let initialChange = grossChange * TwinLedger.initialMarginRate
        let maintenanceChange = grossChange * TwinLedger.maintenanceMarginRate
        func whole(_ value: Decimal) -> String { TwinFormat.grouped(value, decimals: 0) }
        func block(_ current: Decimal, _ change: Decimal) -> TwinJSON {
            .object([
                "current": .string(whole(current)), "change": .string(whole(change)),
                "after": .string(whole(current + change)),
            ])
        }
        let total = ticket.side == .buy ? value + commission : value - commission
        let shares = TwinFormat.quantity(quantity)
        let warn: TwinJSON =
            instrument.hasMarketData
            ? .null
            : .string(
                "21/You are trying to submit an order without having market data for this instrument. \n"
                    + "IB strongly recommends against this kind of blind trading which may result in \n"
                    + "erroneous or unexpected trades.")
        var preview: [String: TwinJSON] = [
            "amount": .object([
                "amount": .string("\(TwinFormat.money(value)) USD (\(shares) Shares)"),
                "commission": .string("\(TwinFormat.money(commission)) USD"),
                "total": .string("\(TwinFormat.money(total)) USD"),
            ]),
            "equity": block(before.netLiquidation, -commission),
            "initial": block(before.initialMargin, initialChange),
            "maintenance": block(before.maintenanceMargin, maintenanceChange),
            "position": .object([
                "current": .string(TwinFormat.quantity(held)), "change": .string(TwinFormat.quantity(signed)),
                "after": .string(TwinFormat.quantity(held + signed)),
            ]),
            "warn": warn, "error": .null,
        ]
        if case .rejected(let message) = marginProblem([ticket]) { preview["error"] = .string(message) }
        if ticket.cashQty != nil {
            // Observed live for fractional cash orders: no margin blocks, the funds impact only in `data`.
            preview["equity"] = .null
            preview["initial"] = .null
            preview["maintenance"] = .null
            let after = before.availableFunds - total
            preview["data"] = .array([
                .object([
                    "N": .string("CURRENT_FUNDS"),
                    "V": .array([.string(TwinFormat.grouped(before.availableFunds, decimals: 2))]),
                ]),
                .object(["N": .string("AFTER_FUNDS"), "V": .array([.string(TwinFormat.grouped(after, decimals: 2))])]),
            ])
        }
        return TwinHTTP.json(.object(preview))
    }
}
