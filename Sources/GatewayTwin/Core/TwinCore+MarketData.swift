import FoundationEssentials
import HTTPCore

extension TwinCore {
    /// `GET /iserver/marketdata/snapshot`: the first call per conid only opens the stream (identifiers only);
    /// later calls carry the requested fields as strings.
    func snapshot(_ request: HTTPRequest) -> HTTPResponse {
        let conidTexts = (request.queryValue("conids") ?? "").split(separator: ",")
            .map { TwinFormat.trimmed($0.split(separator: "@").first ?? "") }
            .filter { !$0.isEmpty }
        guard !conidTexts.isEmpty else { return TwinHTTP.error("conids is required", status: 400) }
        guard conidTexts.count <= 100 else { return TwinHTTP.error("at most 100 conids per request", status: 400) }
        let requested = Set(
            (request.queryValue("fields") ?? "").split(separator: ",").map {
                TwinFormat.trimmed($0)
            }.filter { !$0.isEmpty })
        var rows: [TwinJSON] = []
        for text in conidTexts {
            guard let conid = Int(text) else {
                return TwinHTTP.error("conid \(text) is not a number", status: 400)
            }
            var row: [String: TwinJSON] = ["conid": .int(conid), "conidEx": .string(text)]
            let fields = session.snapshotFields[conid, default: []].union(requested)
            session.snapshotFields[conid] = fields
            guard let serverIndex = session.snapshotSubscriptions[conid] else {
                session.snapshotSubscriptions[conid] = session.nextServerIndex
                session.nextServerIndex += 1
                rows.append(.object(row))
                continue
            }
            if let instrument = market.instruments[conid], let quote = market.quotes[conid] {
                let serverID = "q\(serverIndex)"
                row["server_id"] = .string(serverID)
                row["6119"] = .string(serverID)
                row["_updated"] = .int(TwinFormat.millis(quote.updatedAt))
                row["6509"] = .string(instrument.hasMarketData ? instrument.availability : "N")
                row["6508"] = .string("&serviceID1=122&serviceID2=123&serviceID3=203&serviceID4=775")
                for field in fields.sorted() {
                    if let value = fieldValue(field, instrument: instrument, quote: quote) { row[field] = value }
                }
            }
            rows.append(.object(row))
        }
        return TwinHTTP.json(.array(rows))
    }

    func unsubscribe(_ body: TwinJSON?) -> HTTPResponse {
        guard let conid = body?["conid"]?.intValue, session.snapshotSubscriptions[conid] != nil else {
            return TwinHTTP.error("unknown", status: 500)
        }
        session.snapshotSubscriptions[conid] = nil
        session.snapshotFields[conid] = nil
        return TwinHTTP.json(.object(["success": .bool(true)]))
    }

    func unsubscribeAll() -> HTTPResponse {
        session.snapshotSubscriptions = [:]
        session.snapshotFields = [:]
        return TwinHTTP.json(.object(["unsubscribed": .bool(true)]))
    }

    /// One snapshot field as IBKR formats it, or nil when the twin has no value for it.
    func fieldValue(_ field: String, instrument: TwinInstrument, quote: TwinQuote) -> TwinJSON? {
        switch field {
        case "55": return .string(instrument.symbol)
        case "7051": return .string(instrument.companyName)
        case "6008": return .string(String(instrument.conid))
        case "6070": return .string("STK")
        case "7221": return .string(instrument.listingExchange)
        case "7280", "7281": return .string(instrument.industry)
        default: break
        }
        guard instrument.hasMarketData else { return nil }
        let change = quote.last - quote.priorClose
        switch field {
        case "31":
            let prefix = quote.halted ? "H" : (phase(at: now).regular ? "" : "C")
            return .string(prefix + TwinFormat.price(quote.last))
        case "84": return .string(TwinFormat.price(quote.bid))
        case "86": return .string(TwinFormat.price(quote.ask))
        case "85": return .string(TwinFormat.grouped(Decimal(quote.askSize), decimals: 0))
        case "88": return .string(TwinFormat.grouped(Decimal(quote.bidSize), decimals: 0))
        case "7059": return .string(String(quote.lastSize))
        case "70": return .string(TwinFormat.price(quote.high))
        case "71": return .string(TwinFormat.price(quote.low))
        case "7295": return .string(TwinFormat.price(quote.open))
        case "7741": return .string(TwinFormat.price(quote.priorClose))
        case "82": return .string((change > 0 ? "+" : "") + TwinFormat.price(change))
        case "83":
            guard quote.priorClose != 0 else { return nil }
            return .string(TwinFormat.fixed(change / quote.priorClose * 100, decimals: 2))
        case "87": return .string(TwinFormat.abbreviatedVolume(quote.volume))
        case "87_raw": return .float(Decimal(quote.volume))
        case "7762": return .string(String(quote.volume))
        case "7635": return .string(TwinFormat.price((quote.bid + quote.ask) / 2))
        default: return nil
        }
    }
}
