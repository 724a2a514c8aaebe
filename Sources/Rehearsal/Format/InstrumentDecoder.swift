import FoundationEssentials
import MCPKit

/// Decodes one entry of `instruments`: a symbol, an optional conid and at most one price source (`ticks`, `bars`
/// or a `fixture` file or folder).
enum InstrumentDecoder {
    static func decode(
        _ value: JSONValue, prefix: String, start: Date, top: FieldReader, readFixture: (String) -> Data?
    ) throws(ScenarioFormatError) -> ScenarioInstrument {
        let reader = try FieldReader(value, prefix: prefix, what: "an instrument", fail: top.fail)
        try reader.allowOnly(["symbol", "conid", "ticks", "bars", "bar_interval", "fixture", "liquidity"])
        var instrument = ScenarioInstrument(
            symbol: try reader.requiredString("symbol").uppercased(), conid: try reader.int("conid", minimum: 1))
        if let liquidity = try reader.decimal("liquidity") {
            guard liquidity > 0 else { throw reader.error("liquidity", "must be a positive number of shares") }
            instrument.liquidity = liquidity
        }
        let sources = ["ticks", "bars", "fixture"].filter(reader.has)
        guard sources.count <= 1 else {
            throw reader.error(sources[1], "cannot be used together with \"\(sources[0])\" (one price source)")
        }
        if let fixture = try reader.string("fixture") {
            instrument.ticks = try decodeFixture(
                fixture, symbol: instrument.symbol, reader: reader, start: start, readFixture: readFixture)
        } else {
            instrument.ticks = try decodePath(reader, start: start)
        }
        return instrument
    }

    /// Ticks or bars of an object (the instrument itself, or a fixture file's top object).
    static func decodePath(_ reader: FieldReader, start: Date) throws(ScenarioFormatError) -> [PriceTick] {
        var ticks: [PriceTick] = []
        if let rows = try reader.array("ticks") {
            for (index, row) in rows.enumerated() {
                let tick = try FieldReader(
                    row, prefix: reader.path("ticks[\(index)]"), what: "at, last, bid?, ask?", fail: reader.fail)
                try tick.allowOnly(["at", "last", "bid", "ask"])
                ticks.append(
                    PriceTick(
                        at: try tick.instant("at", start: start), last: try tick.requiredPrice("last"),
                        bid: try tick.price("bid"), ask: try tick.price("ask")))
            }
        } else if let rows = try reader.array("bars") {
            let interval = try reader.duration("bar_interval") ?? 60
            for (index, row) in rows.enumerated() {
                let bar = try FieldReader(
                    row, prefix: reader.path("bars[\(index)]"), what: "at, open, high, low, close",
                    fail: reader.fail)
                try bar.allowOnly(["at", "open", "high", "low", "close"])
                let prices = PriceBar(
                    at: try bar.instant("at", start: start), interval: interval,
                    open: try bar.requiredPrice("open"), high: try bar.requiredPrice("high"),
                    low: try bar.requiredPrice("low"), close: try bar.requiredPrice("close"))
                guard prices.low <= min(prices.open, prices.close), prices.high >= max(prices.open, prices.close)
                else {
                    throw bar.error("high", "and \"low\" must enclose open and close")
                }
                ticks += prices.ticks
            }
        } else if reader.has("bar_interval") {
            throw reader.error("bar_interval", "only applies with \"bars\"")
        }
        for index in ticks.indices.dropFirst() where ticks[index].at < ticks[index - 1].at {
            throw reader.fail(
                reader.path("ticks"), "must be in time order (entry \(index) is earlier than the one before)")
        }
        return ticks
    }

    private static func decodeFixture(
        _ relative: String, symbol: String, reader: FieldReader, start: Date, readFixture: (String) -> Data?
    ) throws(ScenarioFormatError) -> [PriceTick] {
        // A folder holds one file per symbol; a file is used as is.
        let candidates = relative.hasSuffix(".json") ? [relative] : ["\(relative)/\(symbol).json", relative]
        guard let data = candidates.lazy.compactMap(readFixture).first else {
            throw reader.error(
                "fixture", "names \"\(relative)\", which cannot be read (a JSON file, or a folder with \(symbol).json)")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw reader.error("fixture", "names a file that is not valid JSON: \(error.description)")
        }
        let fixturePrefix = reader.path("fixture(\(relative))")
        let fixture = try FieldReader(root, prefix: fixturePrefix, what: "ticks or bars", fail: reader.fail)
        try fixture.allowOnly(["ticks", "bars", "bar_interval", "source"])
        guard fixture.has("ticks") || fixture.has("bars") else {
            throw fixture.fail(fixturePrefix, "must hold \"ticks\" or \"bars\"")
        }
        return try decodePath(fixture, start: start)
    }
}
