import FoundationEssentials
import HTTPCore

/// Endpoints ibind and other clients call that Valet does not: sub-accounts, account meta, positions by conid,
/// the iserver account summary and partitioned P&L, `/trsrv/secdef`, notification answers, strikes and secdef
/// info. Shapes follow cpapi.md where it has them; the rest is listed among the README's twin assumptions.
extension TwinCore {
    /// `GET /portfolio/subaccounts` (cpapi.md §3.3 "Related"): the same account objects.
    func portfolioSubaccounts() -> HTTPResponse {
        TwinHTTP.json(.array([portfolioAccountObject()]))
    }

    /// `GET /portfolio/{acct}/meta` (cpapi.md §3.3 "Related"): one account object.
    func portfolioMeta(_ account: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        return TwinHTTP.json(portfolioAccountObject())
    }

    /// `GET /portfolio/{acct}/position/{conid}` (cpapi.md §3.7): an array with the position, empty when flat.
    func portfolioPosition(_ account: String, conidText: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        return TwinHTTP.json(.array(positionRows(account: account, conidText: conidText)))
    }

    /// `GET /portfolio/positions/{conid}` (cpapi.md §3.7): the position across accounts, keyed by account.
    func portfolioPositionsByConid(_ conidText: String) -> HTTPResponse {
        let account = configuration.accountID
        return TwinHTTP.json(.object([account: .array(positionRows(account: account, conidText: conidText))]))
    }

    private func positionRows(account: String, conidText: String) -> [TwinJSON] {
        guard let conid = Int(conidText), let instrument = market.instruments[conid],
            let position = cachedPositions()[conid], position.quantity != 0
        else { return [] }
        return [positionRow(account: account, instrument: instrument, position: position)]
    }

    /// `GET /iserver/account/{acct}/summary`: balances and margin in one object (shape assumed from IBKR's web
    /// docs; cpapi.md lists only the path).
    func iserverAccountSummary(_ account: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        let figures = ledger.figures(prices: marks)
        func money(_ value: Decimal) -> TwinJSON { .float(TwinFormat.round(value, scale: 2)) }
        return TwinHTTP.json(
            .object([
                "accountType": .string("DEMO"), "status": .string(""), "balance": money(figures.cash),
                "SMA": money(figures.excessLiquidity), "buyingPower": money(figures.availableFunds * 4),
                "availableFunds": money(figures.availableFunds), "excessLiquidity": money(figures.excessLiquidity),
                "netLiquidationValue": money(figures.netLiquidation),
                "equityWithLoanValue": money(figures.netLiquidation), "regTLoan": .float(0),
                "securitiesGVP": money(figures.grossPositionValue), "totalCashValue": money(figures.cash),
                "accruedInterest": .float(0), "regTMargin": money(figures.initialMargin),
                "initialMargin": money(figures.initialMargin), "maintenanceMargin": money(figures.maintenanceMargin),
                "cashBalances": .array([
                    .object([
                        "currency": .string("USD"), "balance": money(figures.cash), "settledCash": money(figures.cash),
                    ])
                ]),
            ]))
    }

    /// `GET /iserver/account/pnl/partitioned` (pacing 1 req/5 s, cpapi.md §8.1): daily P&L, net liquidation,
    /// unrealized P&L, excess liquidity and market value per account segment (shape assumed from IBKR's docs).
    func partitionedPnl() -> HTTPResponse {
        TwinHTTP.json(.object(["upnl": partitionedPnlRows()]))
    }

    /// The `{"<acct>.Core": {rowType, dpl, nl, upl, el, mv}}` object, shared by the REST answer and the
    /// WebSocket's `spl` topic.
    func partitionedPnlRows() -> TwinJSON {
        let figures = ledger.figures(prices: marks)
        func money(_ value: Decimal) -> TwinJSON { .float(TwinFormat.round(value, scale: 2)) }
        let key = "\(configuration.accountID).Core"
        return .object([
            key: .object([
                "rowType": .int(1), "dpl": money(figures.unrealizedPnl + figures.realizedPnl),
                "nl": money(figures.netLiquidation), "upl": money(figures.unrealizedPnl),
                "el": money(figures.excessLiquidity), "mv": money(figures.stockMarketValue),
            ])
        ])
    }

    /// `GET /trsrv/secdef?conids=…` (≤200 conids, cpapi.md §4.3 and §8.1): security definitions.
    func trsrvSecdef(_ request: HTTPRequest) -> HTTPResponse {
        let conids = (request.queryValue("conids") ?? "").split(separator: ",").compactMap {
            Int($0.filter { $0 != " " })
        }
        guard !conids.isEmpty else { return TwinHTTP.error("conids is required, e.g. conids=265598,8314", status: 400) }
        guard conids.count <= 200 else { return TwinHTTP.error("at most 200 conids per request", status: 400) }
        let rows: [TwinJSON] = conids.compactMap { conid in
            guard let instrument = market.instruments[conid] else { return nil }
            return .object([
                "conid": .int(conid), "currency": .string("USD"), "name": .string(instrument.companyName),
                "assetClass": .string("STK"), "ticker": .string(instrument.symbol),
                "listingExchange": .string(instrument.listingExchange), "countryCode": .string("US"),
                "allExchanges": .string("SMART,\(instrument.listingExchange)"), "isUS": .bool(true),
                "chineseName": .string(instrument.chineseName), "fullName": .string(instrument.symbol),
                "type": .string(instrument.type), "hasOptions": .bool(true), "undConid": .int(0),
                "incrementRules": .array([.object(["increment": .float(instrument.tick), "lowerEdge": .float(0)])]),
            ])
        }
        return TwinHTTP.json(.object(["secdef": .array(rows)]))
    }

    /// `POST /iserver/notification` `{"orderId", "reqId", "text"}` answers a server prompt; IBKR answers the
    /// plain word `Success` (cpapi.md §1.3 and §6.2 form 4).
    func answerNotification(_ body: TwinJSON?) -> HTTPResponse {
        guard body?["orderId"] != nil, body?["reqId"] != nil, body?["text"]?.stringValue != nil else {
            return TwinHTTP.error("notification answers need orderId, reqId and text", status: 400)
        }
        return TwinHTTP.text("Success", status: 200)
    }

    /// `GET /iserver/secdef/strikes?conid&sectype&month`: the twin lists stocks only, so no strikes.
    func secdefStrikes(_ request: HTTPRequest) -> HTTPResponse {
        guard let conid = request.queryValue("conid").flatMap(Int.init), market.instruments[conid] != nil else {
            return TwinHTTP.error("conid must be a contract found with /iserver/secdef/search", status: 400)
        }
        return TwinHTTP.json(.object(["call": .array([]), "put": .array([])]))
    }

    /// `GET /iserver/secdef/info?conid&sectype`: the stock's definition; derivatives are empty (stocks only).
    func secdefInfo(_ request: HTTPRequest) -> HTTPResponse {
        guard let conid = request.queryValue("conid").flatMap(Int.init), let instrument = market.instruments[conid]
        else { return TwinHTTP.error("conid must be a contract found with /iserver/secdef/search", status: 400) }
        let secType = (request.queryValue("sectype") ?? "STK").uppercased()
        guard secType == "STK" else { return TwinHTTP.json(.array([])) }
        return TwinHTTP.json(
            .array([
                .object([
                    "conid": .int(conid), "symbol": .string(instrument.symbol), "secType": .string("STK"),
                    "exchange": .string("SMART"), "listingExchange": .string(instrument.listingExchange),
                    "currency": .string("USD"), "companyName": .string(instrument.companyName),
                    "validExchanges": .string("SMART,\(instrument.listingExchange)"),
                ])
            ]))
    }
}
