import FoundationEssentials

/// Draws a run as SVG text: one panel per symbol with the price path over virtual time, and order placements
/// (hollow circle), fills (filled circle) and cancellations (cross) marked, BUY in green and SELL in red. Numbers are
/// written with two decimals by integer arithmetic, so the same run always gives the same bytes.
public enum PriceChart {
    static let width = 800
    static let panelHeight = 220
    static let margin = (left: 70, right: 20, top: 40, bottom: 30)

    public static func svg(title: String, prices: [PricePoint], marks: [OrderMark]) -> String {
        let symbols = orderedSymbols(prices: prices, marks: marks)
        let times = prices.map(\.at) + marks.map(\.at)
        let start = times.min() ?? Date(timeIntervalSince1970: 0)
        let end = max(times.max() ?? start, start.addingTimeInterval(1))
        let height = margin.top + max(1, symbols.count) * panelHeight + 10
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">",
            "<rect width=\"\(width)\" height=\"\(height)\" fill=\"white\"/>",
            "<text x=\"\(margin.left)\" y=\"20\" font-size=\"14\">\(escape(title))</text>",
            "<text x=\"\(width - margin.right)\" y=\"20\" text-anchor=\"end\">\(TimeText.format(start)) → "
                + "\(TimeText.format(end))</text>",
        ]
        if symbols.isEmpty {
            out.append("<text x=\"\(margin.left)\" y=\"\(margin.top + 20)\">no prices</text>")
        }
        for (index, symbol) in symbols.enumerated() {
            let top = margin.top + index * panelHeight
            out += panel(
                symbol: symbol, top: top, start: start, end: end,
                prices: prices.filter { $0.symbol == symbol }, marks: marks.filter { $0.symbol == symbol })
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private static func panel(
        symbol: String, top: Int, start: Date, end: Date, prices: [PricePoint], marks: [OrderMark]
    ) -> [String] {
        let values = prices.map(\.last) + marks.compactMap(\.price)
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if low == high {
            low -= 1
            high += 1
        }
        let plotTop = Double(top + 10)
        let plotBottom = Double(top + panelHeight - margin.bottom)
        let plotLeft = Double(margin.left)
        let plotRight = Double(width - margin.right)
        let span = end.timeIntervalSince(start)
        func x(_ date: Date) -> Double { plotLeft + (plotRight - plotLeft) * date.timeIntervalSince(start) / span }
        func y(_ price: Decimal) -> Double {
            let fraction = Double(((price - low) / (high - low)).description) ?? 0
            return plotBottom - (plotBottom - plotTop) * fraction
        }
        var out = [
            "<g>",
            "<text x=\"8\" y=\"\(top + 24)\" font-weight=\"bold\">\(escape(symbol))</text>",
            "<rect x=\"\(margin.left)\" y=\"\(top + 10)\" width=\"\(width - margin.left - margin.right)\" "
                + "height=\"\(panelHeight - margin.bottom - 10)\" fill=\"none\" stroke=\"#ccc\"/>",
            "<text x=\"\(margin.left - 4)\" y=\"\(number(plotTop + 4))\" text-anchor=\"end\">"
                + "\(DecimalText.format(high))</text>",
            "<text x=\"\(margin.left - 4)\" y=\"\(number(plotBottom))\" text-anchor=\"end\">"
                + "\(DecimalText.format(low))</text>",
        ]
        if !prices.isEmpty {
            // A step line: a price holds until the next one.
            var points: [String] = []
            for (index, point) in prices.enumerated() {
                if index > 0 { points.append("\(number(x(point.at))),\(number(y(prices[index - 1].last)))") }
                points.append("\(number(x(point.at))),\(number(y(point.last)))")
            }
            points.append("\(number(plotRight)),\(number(y(prices[prices.count - 1].last)))")
            out.append(
                "<polyline fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>"
            )
        }
        for mark in marks {
            guard let price = mark.price else { continue }
            let cx = number(x(mark.at))
            let cy = number(y(price))
            let color = mark.side.uppercased().hasPrefix("B") ? "#1a8f3a" : "#c0392b"
            let label = escape("\(mark.kind.rawValue) \(mark.side) #\(mark.orderID) @ \(DecimalText.format(price))")
            switch mark.kind {
            case .placed:
                out.append(
                    "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"5\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\">"
                        + "<title>\(label)</title></circle>")
            case .filled:
                out.append(
                    "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"4\" fill=\"\(color)\"><title>\(label)</title></circle>")
            case .cancelled:
                out.append(
                    "<path d=\"M\(number(x(mark.at) - 4)),\(number(y(price) - 4)) l8,8 m0,-8 l-8,8\" "
                        + "stroke=\"\(color)\" stroke-width=\"1.5\"><title>\(label)</title></path>")
            }
        }
        out.append("</g>")
        return out
    }

    private static func orderedSymbols(prices: [PricePoint], marks: [OrderMark]) -> [String] {
        var seen: [String] = []
        for symbol in prices.map(\.symbol) + marks.map(\.symbol) where !symbol.isEmpty && !seen.contains(symbol) {
            seen.append(symbol)
        }
        return seen
    }

    /// A coordinate with two decimals, rounded half away from zero, written without locale or float formatting.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
    }
}
