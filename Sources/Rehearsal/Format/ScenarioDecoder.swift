import FoundationEssentials
import MCPKit

/// Reads scenario JSON into a `Scenario`, or fails with the file, step and field at fault.
public enum ScenarioDecoder {
    static let topKeys: Set<String> = [
        "name", "description", "seed", "start", "account", "settings", "instruments", "steps", "keeper",
    ]

    /// Reads a scenario file; fixtures named in it are read relative to the file's folder.
    public static func load(path: String) throws(ScenarioFormatError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioFormatError(file: path, field: "", problem: "cannot be read (missing or not a file)")
        }
        let folder = FilePath.folder(of: path)
        return try decode(data, path: path) { relative in
            FileManager.default.contents(atPath: FilePath.join(folder, relative))
        }
    }

    /// Decodes scenario JSON. `readFixture` reads a path relative to the scenario's folder (nil: missing).
    public static func decode(
        _ data: Data, path: String, readFixture: (String) -> Data? = { _ in nil }
    ) throws(ScenarioFormatError) -> Scenario {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw ScenarioFormatError(file: path, field: "", problem: "is not valid JSON: \(error.description)")
        }
        let top = try FieldReader(root, prefix: "", what: "the scenario") { field, problem in
            ScenarioFormatError(file: path, field: field, problem: problem)
        }
        try top.allowOnly(topKeys)
        let name = try top.requiredString("name")
        let start = try top.instant("start", start: Date(timeIntervalSince1970: 0))
        guard try top.string("start")?.hasPrefix("+") == false else {
            throw top.error("start", "must be an absolute ISO 8601 instant with an offset")
        }
        let seed = try top.int("seed", minimum: 0) ?? 1
        var scenario = Scenario(
            name: name, description: try top.string("description") ?? "", seed: UInt64(seed), start: start,
            sourcePath: path)
        scenario.keeper = try top.bool("keeper") ?? true
        if let account = top.members["account"] {
            scenario.account = try decodeAccount(account, top: top)
        }
        if let settings = top.members["settings"] {
            let reader = try FieldReader(settings, prefix: "settings", what: "env keys to values", fail: top.fail)
            for key in reader.members.keys.sorted() {
                // Settings are environment values (text); booleans and numbers are written as the text an
                // environment would hold, so `"TRADING_DRY_RUN": false` means the same as `"false"`.
                let value = reader.members[key] ?? .null
                switch value {
                case .string(let text): scenario.settings[key] = text
                case .bool(let flag): scenario.settings[key] = flag ? "true" : "false"
                // A parsed JSON number is always finite, so it always has a decimal form.
                case .int, .double: scenario.settings[key] = DecimalText.format(ExpectationMatcher.decimal(value) ?? 0)
                default:
                    throw reader.error(
                        key, "must be a string, boolean or number (settings are env values, e.g. \"true\", 500)")
                }
            }
        }
        for (index, element) in (try top.array("instruments") ?? []).enumerated() {
            let instrument = try InstrumentDecoder.decode(
                element, prefix: "instruments[\(index)]", start: start, top: top, readFixture: readFixture)
            if scenario.instrument(instrument.symbol) != nil {
                throw top.fail("instruments[\(index)].symbol", "repeats \(instrument.symbol)")
            }
            scenario.instruments.append(instrument)
        }
        guard let steps = try top.array("steps") else { throw top.error("steps", "is required (the timeline)") }
        for (index, element) in steps.enumerated() {
            let step = try StepDecoder.decode(element, number: index + 1, scenario: scenario)
            scenario.steps.append(step)
            scenario.stepSources.append(element)
        }
        return scenario
    }

    private static func decodeAccount(_ value: JSONValue, top: FieldReader) throws(ScenarioFormatError)
        -> ScenarioAccount
    {
        let reader = try FieldReader(value, prefix: "account", what: "cash and positions", fail: top.fail)
        try reader.allowOnly(["cash", "positions", "is_paper"])
        var account = ScenarioAccount()
        account.isPaper = try reader.bool("is_paper") ?? true
        if let cash = try reader.decimal("cash") {
            guard cash >= 0 else { throw reader.error("cash", "must not be negative") }
            account.cash = cash
        }
        for (index, element) in (try reader.array("positions") ?? []).enumerated() {
            let row = try FieldReader(
                element, prefix: "account.positions[\(index)]", what: "symbol, quantity, average_cost",
                fail: top.fail)
            try row.allowOnly(["symbol", "quantity", "average_cost"])
            let quantity = try row.requiredDecimal("quantity")
            guard quantity != 0 else { throw row.error("quantity", "must not be zero") }
            account.positions.append(
                ScenarioPosition(
                    symbol: try row.requiredString("symbol"), quantity: quantity,
                    averageCost: try row.requiredPrice("average_cost")))
        }
        return account
    }
}
