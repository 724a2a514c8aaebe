import MCPKit
import TradingDomain

/// `get_quotes`: snapshots for several symbols; a symbol that failed is listed under `failures`, never dropped.
enum GetQuotesTool {
    static let maximumSymbols = 50

    static let dataSchema = Schemas.object([
        "quotes": ["type": "array", "items": Render.quoteSchema],
        "failures": [
            "type": "array",
            "items": Schemas.object([
                "symbol": ["type": "string"], "code": ["type": "string"], "message": ["type": "string"],
            ]),
        ],
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "get_quotes", title: "Quotes",
            description: """
                Snapshots for up to 50 symbols in one call. Symbols that could not be quoted are listed under \
                failures with the reason (never silently dropped).
                """,
            arguments: [
                "symbols": [
                    "type": "array", "items": ["type": "string"], "description": "Ticker symbols, e.g. [\"AAPL\"].",
                ]
            ],
            required: ["symbols"], data: dataSchema, annotations: .readOnly(title: "Quotes")
        ) { arguments, _, broker in
            let symbols = try parse(arguments.values["symbols"])
            let batch = try await broker.quotes(for: symbols)
            let failures = batch.failures.keys.sorted().map { symbol -> JSONValue in
                let failure = batch.failures[symbol].map(ToolFailure.from)
                return [
                    "symbol": .string(symbol.value), "code": .string(failure?.code ?? "unknown"),
                    "message": .string(failure?.message ?? "no quote"),
                ]
            }
            return [
                "quotes": .array(batch.quotes.map { Render.quote($0, calendar: environment.calendar) }),
                "failures": .array(failures),
            ]
        }
    }

    static func parse(_ value: JSONValue?) throws(ToolFailure) -> [Symbol] {
        guard let value, value != .null else { throw ToolFailure.invalid("symbols", "is required") }
        guard case .array(let items) = value else {
            throw ToolFailure.invalid("symbols", "must be an array of ticker strings, not \(value.typeName)")
        }
        guard !items.isEmpty else { throw ToolFailure.invalid("symbols", "must list at least one symbol") }
        guard items.count <= maximumSymbols else {
            throw ToolFailure.invalid("symbols", "may list at most \(maximumSymbols) symbols (got \(items.count))")
        }
        var symbols: [Symbol] = []
        for (index, item) in items.enumerated() {
            let key = "symbols[\(index)]"
            symbols.append(try ToolArguments([key: item], known: [key]).symbol(key))
        }
        var seen = Set<Symbol>()
        return symbols.filter { seen.insert($0).inserted }
    }
}
