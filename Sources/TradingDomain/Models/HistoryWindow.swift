/// How much history to fetch and how wide each bar is, in IBKR's vocabulary (cpapi.md §5.2), checked before
/// anything is sent: `bar` from `1min … 1m`, `period` as `{1-30}min`, `{1-8}h`, `{1-1000}d`, `{1-792}w`,
/// `{1-182}m` or `{1-15}y`, and a bar no longer than the period.
public struct HistoryWindow: Sendable, Hashable {
    /// The bar sizes IBKR accepts (cpapi.md §5.2).
    public static let bars = [
        "1min", "2min", "3min", "5min", "10min", "15min", "30min", "1h", "2h", "3h", "4h", "8h",
        "1d", "1w", "1m",
    ]
    /// Period units with IBKR's allowed counts (cpapi.md §5.2); `m` is months, `min` minutes.
    static let periodUnits: [(suffix: String, range: ClosedRange<Int>, seconds: Int)] = [
        ("min", 1...30, 60), ("h", 1...8, 3600), ("d", 1...1000, 86400), ("w", 1...792, 604_800),
        ("m", 1...182, 2_592_000), ("y", 1...15, 31_536_000),
    ]

    public let period: String
    public let bar: String

    /// - Throws: `TradingError.invalidRequest` naming the allowed values.
    public init(period: String, bar: String) throws(TradingError) {
        guard Self.bars.contains(bar) else {
            throw TradingError(
                .invalidRequest, "bar \"\(bar)\" is not a bar size IBKR accepts",
                hint: "use one of \(Self.bars.joined(separator: ", "))", field: "bar")
        }
        guard let periodSeconds = Self.seconds(period: period) else {
            throw TradingError(
                .invalidRequest, "period \"\(period)\" is not a period IBKR accepts",
                hint: "use {1-30}min, {1-8}h, {1-1000}d, {1-792}w, {1-182}m or {1-15}y, e.g. 1d, 1w, 6m, 1y",
                field: "period")
        }
        guard let barSeconds = Self.seconds(period: bar), barSeconds <= periodSeconds else {
            throw TradingError(
                .invalidRequest, "bar \(bar) is longer than the period \(period)",
                hint: "pick a bar no longer than the period, e.g. period 1d with bar 5min", field: "bar")
        }
        self.period = period
        self.bar = bar
    }

    /// Seconds in a period or bar text (`m` counts 30 days); nil when it is not IBKR's form or out of range.
    static func seconds(period text: String) -> Int? {
        // `min` must be tried before `m`.
        for unit in periodUnits where text.hasSuffix(unit.suffix) {
            guard let count = Int(text.dropLast(unit.suffix.count)), unit.range.contains(count),
                text.dropLast(unit.suffix.count).allSatisfy(\.isNumber)
            else { return nil }
            return count * unit.seconds
        }
        return nil
    }
}
