import MCPKit
import TradingDomain

/// `price_history`: bars of one symbol by period and bar size (IBKR's values, checked before anything is sent).
enum PriceHistoryTool {
    static let barSchema = Schemas.object([
        "time": ["type": "string"], "open": Schemas.decimal, "high": Schemas.decimal, "low": Schemas.decimal,
        "close": Schemas.decimal, "volume": Schemas.decimalOrNull,
    ])

    static let dataSchema = Schemas.object([
        "symbol": ["type": "string"], "conid": ["type": "integer"], "period": ["type": "string"],
        "bar": ["type": "string"], "delayed": ["type": "boolean"], "count": ["type": "integer"],
        "bars": ["type": "array", "items": barSchema],
    ])

    static func make(_ environment: ToolEnvironment) -> Tool {
        ToolFactory.make(
            environment, name: "price_history", title: "Price history",
            description: """
                Price bars (open, high, low, close, volume) of one symbol, oldest first, times in New York. \
                period: how far back ({1-30}min, {1-8}h, {1-1000}d, {1-792}w, {1-182}m months, {1-15}y; default 1w). \
                bar: the bar size (1min … 1m; default 1d). IBKR returns at most 1000 bars.
                """,
            arguments: [
                "symbol": ToolFactory.symbol(),
                "period": [
                    "type": ["string", "null"], "description": "How far back, e.g. 1d, 1w, 3m, 1y (default 1w).",
                ],
                "bar": [
                    "type": ["string", "null"], "enum": .array(HistoryWindow.bars.map { .string($0) } + [.null]),
                    "description": "Bar size, e.g. 5min, 1h, 1d (default 1d).",
                ],
            ],
            required: ["symbol"], data: dataSchema, annotations: .readOnly(title: "Price history")
        ) { arguments, _, broker in
            let symbol = try arguments.symbol()
            let window = try window(
                period: arguments.string("period", maxLength: 8) ?? "1w",
                bar: arguments.string("bar", maxLength: 8) ?? "1d")
            let history = try await broker.priceHistory(for: symbol, window: window)
            let bars = history.bars.map { bar -> JSONValue in
                [
                    "time": .string(environment.calendar.iso8601(bar.start)), "open": Render.decimal(bar.open),
                    "high": Render.decimal(bar.high), "low": Render.decimal(bar.low),
                    "close": Render.decimal(bar.close), "volume": Render.decimal(bar.volume),
                ]
            }
            return [
                "symbol": .string(history.symbol.value), "conid": .int(history.contractID.value),
                "period": .string(window.period), "bar": .string(window.bar), "delayed": .bool(history.delayed),
                "count": .int(bars.count), "bars": .array(bars),
            ]
        }
    }

    /// The window, or an `invalid_argument` naming `period` or `bar` and the values IBKR allows.
    static func window(period: String, bar: String) throws(ToolFailure) -> HistoryWindow {
        do {
            return try HistoryWindow(period: period, bar: bar)
        } catch {
            let argument = error.field ?? "period"
            throw ToolFailure(
                code: "invalid_argument", message: "\(argument): \(error.message). Nothing was sent.",
                hint: error.hint ?? "fix \(argument) and call again", argument: argument)
        }
    }
}
