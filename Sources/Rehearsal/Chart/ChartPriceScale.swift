import FoundationEssentials

/// The vertical scale of one panel: a range around the data with round tick values.
///
/// A tiny move is not stretched to the panel's height: the range spans at least half a percent of the price (at
/// least 10 cents), so a one-cent wiggle of a $190 stock draws as the flat line it is. The range is padded so no
/// marker sits on the plot's edge, and its ends are whole multiples of a round step (1, 2, 2.5 or 5 × 10ⁿ).
struct ChartPriceScale {
    /// The lowest and highest value on the axis.
    let low: Decimal
    let high: Decimal
    /// The distance between labelled ticks.
    let step: Decimal

    /// The scale for `values` (every price, mark and trigger drawn in the panel).
    init(values: [Decimal]) {
        let dataLow = values.min() ?? 0
        let dataHigh = values.max() ?? 1
        let middle = (dataLow + dataHigh) / 2
        let level = middle < 0 ? -middle : middle
        let least = max(level * Decimal(string: "0.005")!, Decimal(string: "0.1")!)
        let span = max(dataHigh - dataLow, least)
        // 15 % of room, split above and below, keeps markers off the edges.
        let padded = Self.double(span) * 1.15
        let step = Self.roundStep(atLeast: padded / 5)
        let stepValue = Self.double(step)
        let lowIndex = (Self.double(middle) - padded / 2) / stepValue
        let highIndex = (Self.double(middle) + padded / 2) / stepValue
        var low = Decimal(Int(lowIndex.rounded(.down))) * step
        if low < 0 && dataLow >= 0 { low = 0 }
        self.low = low
        self.high = max(Decimal(Int(highIndex.rounded(.up))) * step, low + step)
        self.step = step
    }

    /// The tick values from `low` to `high`.
    var ticks: [Decimal] {
        var values: [Decimal] = []
        var value = low
        while value <= high && values.count < 50 {
            values.append(value)
            value += step
        }
        return values
    }

    /// Where `value` falls between `low` (0) and `high` (1).
    func fraction(_ value: Decimal) -> Double {
        let span = Self.double(high - low)
        return span > 0 ? Self.double(value - low) / span : 0.5
    }

    /// A tick label with the decimals prices use (two, more when the step needs them).
    func label(_ value: Decimal) -> String {
        let places = max(2, Self.places(of: step))
        var text = value.description
        if !text.contains(".") { text += "." }
        let fraction = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
        return text + String(repeating: "0", count: max(0, places - fraction))
    }

    /// The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) of at least `minimum`.
    static func roundStep(atLeast minimum: Double) -> Decimal {
        for exponent in -4...9 {
            for (significand, shift) in [(1, 0), (2, 0), (25, -1), (5, 0)] {
                let step = Decimal(sign: .plus, exponent: exponent + shift, significand: Decimal(significand))
                if double(step) >= minimum { return step }
            }
        }
        return Decimal(sign: .plus, exponent: 10, significand: 1)
    }

    static func double(_ value: Decimal) -> Double { Double(value.description) ?? 0 }

    private static func places(of value: Decimal) -> Int {
        let text = value.description
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }
}
