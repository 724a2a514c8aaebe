import FoundationEssentials
import HTTPCore

extension TwinCore {
    /// Last prices by conid, the marks every account figure uses.
    var marks: [Int: Decimal] { market.quotes.mapValues(\.last) }

    func unknownAccount(_ account: String) -> HTTPResponse? {
        account == configuration.accountID
            ? nil
            : TwinHTTP.error(
                "Account \(account) is not valid for this login; use \(configuration.accountID) from /iserver/accounts.",
                status: 500, withStatusCode: true)
    }

    func portfolioAccounts() -> HTTPResponse {
        session.portfolioPrimed = true
        return TwinHTTP.json(.array([portfolioAccountObject()]))
    }

    /// The account as `/portfolio/accounts` lists it (cpapi.md §3.3 [REAL] shape).
    func portfolioAccountObject() -> TwinJSON {
        let account = configuration.accountID
        return .object([
            "id": .string(account), "PrepaidCrypto-Z": .bool(false), "PrepaidCrypto-P": .bool(false),
            "brokerageAccess": .bool(true), "accountId": .string(account), "accountVan": .string(account),
            "accountTitle": .string("Twin Paper Trader"), "displayName": .string("Twin Paper Trader"),
            "accountAlias": .null, "accountStatus": .int(1_678_852_800_000), "currency": .string("USD"),
            "type": .string("DEMO"), "tradingType": .string("STKNOPT"), "businessType": .string("INDEPENDENT"),
            "ibEntity": .string("IBLLC-US"), "faclient": .bool(false), "clearingStatus": .string("O"),
            "covestor": .bool(false), "noClientTrading": .bool(false), "trackVirtualFXPortfolio": .bool(false),
            "parent": .object([
                "mmc": .array([]), "accountId": .string(""), "isMParent": .bool(false),
                "isMChild": .bool(false), "isMultiplex": .bool(false),
            ]),
            "desc": .string(account),
        ])
    }

    func portfolioSummary(_ account: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        let figures = ledger.figures(prices: marks)
        let stamp = TwinFormat.millis(now)
        func money(_ value: Decimal) -> TwinJSON {
            .object([
                "amount": .float(TwinFormat.round(value, scale: 2)), "currency": .string("USD"), "isNull": .bool(false),
                "severity": .int(0), "timestamp": .int(stamp), "value": .null,
            ])
        }
        func text(_ value: String) -> TwinJSON {
            .object([
                "amount": .float(0), "currency": .null, "isNull": .bool(false), "severity": .int(0),
                "timestamp": .int(stamp), "value": .string(value),
            ])
        }
        let cushion =
            figures.netLiquidation > 0
            ? TwinFormat.fixed(figures.excessLiquidity / figures.netLiquidation, decimals: 6) : "0"
        var keys: [String: TwinJSON] = [
            "accountcode": text(account), "accountready": text("true"), "accounttype": text("INDIVIDUAL"),
            "buyingpower": money(figures.buyingPower), "cushion": text(cushion), "daytradesremaining": text("-1"),
            "grosspositionvalue": money(figures.grossPositionValue), "highestseverity": text("0"),
        ]
        let segmented: [(String, Decimal)] = [
            ("availablefunds", figures.availableFunds), ("equitywithloanvalue", figures.netLiquidation),
            ("excessliquidity", figures.excessLiquidity), ("initmarginreq", figures.initialMargin),
            ("maintmarginreq", figures.maintenanceMargin), ("netliquidation", figures.netLiquidation),
            ("totalcashvalue", figures.cash), ("fullavailablefunds", figures.availableFunds),
            ("fullexcessliquidity", figures.excessLiquidity), ("fullinitmarginreq", figures.initialMargin),
            ("fullmaintmarginreq", figures.maintenanceMargin),
        ]
        for (key, value) in segmented {
            keys[key] = money(value)
            keys[key + "-s"] = money(value)
        }
        keys["grosspositionvalue-s"] = money(figures.grossPositionValue)
        return TwinHTTP.json(.object(keys))
    }

    func portfolioLedger(_ account: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        let figures = ledger.figures(prices: marks)
        let stamp = TwinFormat.millis(now) / 1000
        func entry(_ currency: String, last: Bool) -> TwinJSON {
            var fields: [String: TwinJSON] = [
                "acctcode": .string(account), "cashbalance": .float(TwinFormat.round(figures.cash, scale: 2)),
                "currency": .string(currency), "exchangerate": .int(1), "key": .string("LedgerList"),
                "netliquidationvalue": .float(TwinFormat.round(figures.netLiquidation, scale: 2)),
                "realizedpnl": .float(TwinFormat.round(figures.realizedPnl, scale: 2)), "secondkey": .string(currency),
                "sessionid": .int(1), "settledcash": .float(TwinFormat.round(figures.cash, scale: 2)),
                "severity": .int(0), "stockmarketvalue": .float(TwinFormat.round(figures.stockMarketValue, scale: 2)),
                "timestamp": .int(stamp), "unrealizedpnl": .float(TwinFormat.round(figures.unrealizedPnl, scale: 2)),
            ]
            for zero in [
                "cashbalancefxsegment", "commoditymarketvalue", "corporatebondsmarketvalue", "cryptocurrencyvalue",
                "dividends", "funds", "futuremarketvalue", "futureoptionmarketvalue", "futuresonlypnl", "interest",
                "issueroptionsmarketvalue", "moneyfunds", "stockoptionmarketvalue", "tbillsmarketvalue",
                "tbondsmarketvalue", "warrantsmarketvalue",
            ] {
                fields[zero] = .float(0)
            }
            if last { fields["endofbundle"] = .int(1) }
            return .object(fields)
        }
        return TwinHTTP.json(.object(["BASE": entry("BASE", last: false), "USD": entry("USD", last: true)]))
    }

    func portfolioPositions(_ account: String, page: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        guard let pageNumber = Int(page), pageNumber >= 0, pageNumber < 1_000_000 else {
            return TwinHTTP.error("page must be a number from 0", status: 400)
        }
        let source = cachedPositions()
        let held = source.keys.sorted().compactMap { conid -> (TwinInstrument, TwinPosition)? in
            guard let position = source[conid], position.quantity != 0,
                let instrument = market.instruments[conid]
            else { return nil }
            return (instrument, position)
        }.sorted { $0.0.symbol < $1.0.symbol }
        let pageRows = held.dropFirst(pageNumber * 100).prefix(100)
        let rows: [TwinJSON] = pageRows.map { positionRow(account: account, instrument: $0, position: $1) }
        return TwinHTTP.json(.array(rows))
    }

    /// One `/portfolio/{acct}/positions` row (cpapi.md §3.6 [REAL] shape).
    func positionRow(account: String, instrument: TwinInstrument, position: TwinPosition) -> TwinJSON {
        let last = market.quotes[instrument.conid]?.last ?? 0
        let value = position.quantity * last
        return .object([
            "acctId": .string(account), "assetClass": .string("STK"),
            "avgCost": .float(TwinFormat.round(position.averageCost, scale: 8)),
            "avgPrice": .float(TwinFormat.round(position.averageCost, scale: 8)),
            "chineseName": .string(instrument.chineseName), "conExchMap": .array([]),
            "conid": .int(instrument.conid), "contractDesc": .string(instrument.symbol),
            "countryCode": .string("US"), "currency": .string("USD"),
            "displayRule": .object([
                "displayRuleStep": .array([
                    .object(["decimalDigits": .int(2), "lowerEdge": .float(0), "wholeDigits": .int(4)])
                ]),
                "magnification": .int(0),
            ]),
            "exchs": .null, "exerciseStyle": .null,
            "expiry": .null, "fullName": .string(instrument.symbol), "group": .null, "hasOptions": .bool(true),
            "incrementRules": .array([.object(["increment": .float(instrument.tick), "lowerEdge": .float(0)])]),
            "isEventContract": .bool(false), "isUS": .bool(true), "lastTradingDay": .null,
            "listingExchange": .string(instrument.listingExchange), "mktPrice": .float(last),
            "mktValue": .float(TwinFormat.round(value, scale: 2)), "model": .string(""), "multiplier": .float(0),
            "name": .string(instrument.companyName), "pageSize": .int(100), "position": .float(position.quantity),
            "putOrCall": .null, "realizedPnl": .float(TwinFormat.round(position.realizedPnl, scale: 2)),
            "sector": .null, "sectorGroup": .null, "strike": .string("0"), "ticker": .string(instrument.symbol),
            "time": .int(30), "type": .string(instrument.type), "undConid": .int(0),
            "unrealizedPnl": .float(TwinFormat.round((last - position.averageCost) * position.quantity, scale: 2)),
        ])
    }

    /// The positions as the (cached) endpoint sees them: with `positionsCacheSeconds` set, a snapshot that is
    /// refreshed only when it is that old or on invalidate, so fills show up late as they do live.
    func cachedPositions() -> [Int: TwinPosition] {
        let lifetime = configuration.positionsCacheSeconds
        guard lifetime > 0 else { return ledger.positions }
        if let cache = positionsCache, now.timeIntervalSince(cache.at) < lifetime { return cache.positions }
        positionsCache = (now, ledger.positions)
        return ledger.positions
    }

    func invalidatePositions(_ account: String) -> HTTPResponse {
        if let refusal = unknownAccount(account) { return refusal }
        positionsCache = nil
        return TwinHTTP.json(.object(["message": .string("success")]))
    }
}
