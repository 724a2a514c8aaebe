import FoundationEssentials
import HTTPCore

extension TwinCore {
    func trsrvStocks(_ request: HTTPRequest) -> HTTPResponse {
        let symbols = (request.queryValue("symbols") ?? "").split(separator: ",")
            .map { TwinFormat.trimmed($0).uppercased() }.filter { !$0.isEmpty }
        var result: [String: TwinJSON] = [:]
        for symbol in symbols {
            guard let instrument = market.instrument(symbol: symbol) else { continue }
            result[symbol] = .array([
                .object([
                    "assetClass": .string("STK"), "chineseName": .string(instrument.chineseName),
                    "contracts": .array([
                        .object([
                            "conid": .int(instrument.conid), "exchange": .string(instrument.listingExchange),
                            "isUS": .bool(true),
                        ])
                    ]),
                    "name": .string(instrument.companyName),
                ])
            ])
        }
        return TwinHTTP.json(.object(result))
    }

    /// Derived conids of the twin's foreign listings (outside the built-in instruments' range).
    static let foreignListingBase = 900_000_000

    func secdefSearch(_ request: HTTPRequest, body: TwinJSON?) -> HTTPResponse {
        let symbol = (request.queryValue("symbol") ?? body?["symbol"]?.stringValue ?? "").uppercased()
        guard !symbol.isEmpty else { return TwinHTTP.error("symbol is required", status: 400) }
        let byName = (request.queryValue("name") ?? "") == "true" || body?["name"]?.boolValue == true
        let matches = market.conids.compactMap { market.instruments[$0] }.filter {
            byName ? $0.companyName.contains(symbol) : $0.symbol == symbol
        }
        // cpapi.md §4.2: one row per listing (IBM: NYSE, then LSE, then a bond record), the primary US listing
        // first. The twin adds a Mexican listing for each (AAPL's MEXI listing in §4.3's capture); its conid is
        // derived, not IBKR's, and it cannot be traded here.
        // cpapi.md §4.2 [IBKR-DOC] name search: `name=true` rows are reduced — `description` null, `sections`
        // empty, a top-level `secType` — and list the company's primary listing only.
        if byName {
            return TwinHTTP.json(
                .array(
                    matches.map { instrument in
                        .object([
                            "conid": .string(String(instrument.conid)),
                            "companyHeader": .string(
                                "\(instrument.companyName) (\(instrument.listingExchange)) "),
                            "companyName": .string("\(instrument.companyName) (\(instrument.listingExchange))"),
                            "symbol": .string(instrument.symbol), "description": .null, "restricted": .null,
                            "sections": .array([]), "secType": .string("STK"),
                        ])
                    }))
        }
        let rows: [TwinJSON] = matches.flatMap { instrument -> [TwinJSON] in
            func row(conid: Int, exchange: String) -> TwinJSON {
                .object([
                    "conid": .string(String(conid)),
                    "companyHeader": .string("\(instrument.companyName) - \(exchange)"),
                    "companyName": .string(instrument.companyName), "symbol": .string(instrument.symbol),
                    "description": .string(exchange), "restricted": .null, "fop": .null, "opt": .null,
                    "war": .null, "sections": .array([.object(["secType": .string("STK")])]),
                ])
            }
            return [
                row(conid: instrument.conid, exchange: instrument.listingExchange),
                row(conid: Self.foreignListingBase + instrument.conid, exchange: "MEXI"),
            ]
        }
        return TwinHTTP.json(.array(rows))
    }

    func contractInfo(_ conidText: String) -> HTTPResponse {
        guard let conid = Int(conidText), let instrument = market.instruments[conid] else {
            return TwinHTTP.error("Contract \(conidText) was not found", status: 400)
        }
        return TwinHTTP.json(
            .object([
                "cfi_code": .string(""), "symbol": .string(instrument.symbol), "cusip": .null, "expiry_full": .null,
                "con_id": .int(conid), "maturity_date": .null, "industry": .string(instrument.industry),
                "instrument_type": .string("STK"), "trading_class": .string(instrument.symbol == "SPY" ? "SPY" : "NMS"),
                "valid_exchanges": .string("SMART,AMEX,NYSE,CBOE,PHLX,ISE,CHX,ARCA,ISLAND,DRCTEDGE,BEX,BATS,IEX"),
                "allow_sell_long": .bool(false), "is_zero_commission_security": .bool(false),
                "local_symbol": .string(instrument.symbol), "contract_clarification_type": .null, "classifier": .null,
                "currency": .string("USD"), "text": .null, "underlying_con_id": .int(0), "r_t_h": .bool(true),
                "multiplier": .null, "underlying_issuer": .null, "contract_month": .null,
                "company_name": .string(instrument.companyName), "smart_available": .bool(true),
                "exchange": .string("SMART"), "category": .string(instrument.industry),
            ]))
    }

    func contractRules(_ body: TwinJSON?) -> HTTPResponse {
        // ibind sends the conid as a string; IBKR accepts both (cpapi.md §5 rules).
        guard let conid = body?["conid"]?.intValue ?? body?["conid"]?.stringValue.flatMap({ Int($0) }) else {
            return TwinHTTP.error("conid is required", status: 400)
        }
        guard let instrument = market.instruments[conid], let quote = market.quotes[conid] else {
            return TwinHTTP.error("Contract \(conid) was not found", status: 400)
        }
        let orderTypes = ["limit", "market", "stop", "stop_limit", "trailing_stop"]
        let fractional = instrument.fraqInt > 0
        let reference = TwinFormat.price(quote.last)
        return TwinHTTP.json(
            .object([
                "algoEligible": .bool(false), "overnightEligible": .bool(false), "costReport": .bool(false),
                "canTradeAcctIds": .array([.string(configuration.accountID)]), "error": .null,
                "orderTypes": .array(orderTypes.map { .string($0) }), "ibAlgoTypes": .array([]),
                "fraqTypes": .array(fractional ? orderTypes.map { .string($0) } : []),
                "forceOrderPreview": .bool(false),
                "cqtTypes": .array(fractional ? orderTypes.map { .string($0) } : []),
                "orderDefaults": .object(["LMT": .object(["LP": .string(reference)])]),
                "orderTypesOutside": .array([.string("limit"), .string("stop_limit")]),
                "defaultSize": .int(100), "cashSize": .float(0), "sizeIncrement": .int(100),
                "tifTypes": .array([.string("IOC/MARKET,LIMIT,a"), .string("GTC/o,a"), .string("DAY/o,a")]),
                "tifDefaults": .object(["TIF": .string("DAY"), "SIZE": .string("100.00")]),
                "limitPrice": .float(quote.last), "stopprice": .float(quote.last), "orderOrigination": .null,
                "preview": .bool(true), "displaySize": .null, "fraqInt": .int(instrument.fraqInt),
                "cashCcy": .string("USD"), "cashQtyIncr": fractional ? .int(500) : .null, "priceMagnifier": .null,
                "negativeCapable": .bool(false), "incrementType": .int(1),
                "incrementRules": .array([
                    .object(["lowerEdge": .float(0), "increment": .float(instrument.tick)])
                ]),
                "hasSecondary": .bool(false), "increment": .float(instrument.tick), "incrementDigits": .int(2),
            ]))
    }
}
