import MCPKit
import TradingDomain

/// `search_symbol`: stocks by ticker or by company name, with their conids and exchanges.
enum SearchSymbolTool {
    static let dataSchema = Schemas.object([
        "query": ["type": "string"], "by_name": ["type": "boolean"], "count": ["type": "integer"],
        "matches": [
            "type": "array",
            "items": Schemas.object([
                "symbol": ["type": "string"], "conid": ["type": "integer"], "company_name": Schemas.stringOrNull,
                "exchange": Schemas.stringOrNull,
            ]),
        ],
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "search_symbol", title: "Search symbol",
            description: """
                Finds stocks by ticker (AAPL) or, with by_name true, by company name (apple). Lists every listing \
                IBKR returns with its conid and exchange; no match is an error naming the query.
                """,
            arguments: [
                "query": ["type": "string", "description": "A ticker, or part of a company name with by_name."],
                "by_name": [
                    "type": ["boolean", "null"],
                    "description": "Search company names instead of tickers (default false).",
                ],
            ],
            required: ["query"], data: dataSchema, annotations: .readOnly(title: "Search symbol")
        ) { arguments, _, broker in
            let query = try arguments.requiredString("query", maxLength: 64).uppercased()
            let byName = try arguments.bool("by_name", default: false)
            let matches = try await broker.searchSymbols(query, byName: byName)
            guard !matches.isEmpty else {
                throw ToolFailure(
                    code: "contract_not_found",
                    message: "No stock matches \(byName ? "the company name" : "the ticker") \"\(query)\".",
                    hint: byName
                        ? "try a shorter part of the name, or search by ticker"
                        : "check the spelling, or search by company name with by_name true",
                    argument: "query")
            }
            return [
                "query": .string(query), "by_name": .bool(byName), "count": .int(matches.count),
                "matches": .array(
                    matches.map { match in
                        [
                            "symbol": .string(match.symbol), "conid": .int(match.contractID.value),
                            "company_name": Render.string(match.companyName), "exchange": Render.string(match.exchange),
                        ]
                    }),
            ]
        }
    }
}
