import FoundationEssentials
import HTTPCore
import SimulationKit

extension TwinCore {
    /// Seconds of a bar or period text (`5min`, `1h`, `1d`, `1w`, `1m` = 30 days, `1y` = 365 days).
    static func seconds(of text: String) -> Int? {
        let units: [(String, Int)] = [
            ("min", 60), ("h", 3600), ("d", 86400), ("w", 604_800), ("m", 2_592_000), ("y", 31_536_000),
        ]
        for (suffix, size) in units where text.hasSuffix(suffix) {
            guard let count = Int(text.dropLast(suffix.count)), count > 0, count <= 10000 else { return nil }
            return count * size
        }
        return nil
    }

    /// `GET /iserver/marketdata/history`: seeded bars that end at the current price (the twin keeps no past, so
    /// the path is drawn backwards from now; the same seed, conid and bar size always give the same path).
    func history(_ request: HTTPRequest) -> HTTPResponse {
        guard let conid = request.queryValue("conid").flatMap(Int.init), let instrument = market.instruments[conid],
            let quote = market.quotes[conid]
        else { return TwinHTTP.error("conid must be a known contract id", status: 400) }
        let barText = request.queryValue("bar") ?? ""
        let periodText = request.queryValue("period") ?? "1w"
        guard let bar = Self.seconds(of: barText), let period = Self.seconds(of: periodText), period >= bar else {
            return TwinHTTP.error("bar and period must look like 5min, 1h, 1d, 1w, 1m or 1y", status: 400)
        }
        let count = min(1000, period / bar)
        var generator = SplitMix64(
            seed: configuration.seed ^ UInt64(bitPattern: Int64(conid)) &* 0x9E37_79B9 ^ UInt64(bar))
        var closes: [Decimal] = [quote.last]
        for _ in 0..<count {
            let step = Decimal(generator.nextInt(in: -20...20)) * instrument.tick
            closes.insert(max(instrument.tick, (closes.first ?? quote.last) - step), at: 0)
        }
        let end = Int(now.timeIntervalSince1970) / bar * bar
        var bars: [TwinJSON] = []
        var high = Decimal(0)
        var low = Decimal.greatestFiniteMagnitude
        var volume = Decimal(0)
        for index in 0..<count {
            let open = closes[index]
            let close = closes[index + 1]
            let top = max(open, close) + Decimal(generator.nextInt(in: 0...5)) * instrument.tick
            let bottom = max(
                instrument.tick, min(open, close) - Decimal(generator.nextInt(in: 0...5)) * instrument.tick)
            high = max(high, top)
            low = min(low, bottom)
            let start = end - (count - index) * bar
            let barVolume = Decimal(generator.nextInt(in: 1000...90000))
            volume += barVolume
            bars.append(
                .object([
                    "o": .float(open), "c": .float(close), "h": .float(top), "l": .float(bottom),
                    "t": .int(start * 1000), "v": .float(barVolume),
                ]))
        }
        let minutes = bar / 60
        return TwinHTTP.json(
            .object([
                "serverId": .string("20477"), "symbol": .string(instrument.symbol),
                "text": .string(instrument.companyName),
                "priceFactor": .int(100),
                "startTime": .string(
                    TwinCalendar.utcStamp(Date(timeIntervalSince1970: Double(end - count * bar)), format: .trade)),
                "high": .string("\(TwinFormat.fixed(high * 100, decimals: 0))/\(volume)/\(minutes)"),
                "low": .string("\(TwinFormat.fixed(count > 0 ? low * 100 : 0, decimals: 0))/\(volume)/\(minutes)"),
                "timePeriod": .string(periodText), "barLength": .int(bar), "mdAvailability": .string("S"),
                "mktDataDelay": .int(0), "outsideRth": .bool(request.queryValue("outsideRth") == "true"),
                "volumeFactor": .int(1), "priceDisplayRule": .int(1), "priceDisplayValue": .string("2"),
                "negativeCapable": .bool(false), "messageVersion": .int(2), "data": .array(bars),
                "points": .int(max(0, count - 1)), "travelTime": .int(1),
            ]))
    }
}
