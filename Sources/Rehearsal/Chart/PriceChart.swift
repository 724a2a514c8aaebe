import FoundationEssentials

/// Draws a run as SVG text a person reads without help: a legend, then one panel per symbol with the price over
/// time in New York time, NYSE's closed hours shaded, stop and trailing-stop trigger lines, orders placed (hollow
/// circle), filled (filled circle) and cancelled (cross) in green for BUY and red for SELL, and refused order calls
/// (orange diamond). Each mark's `<title>` says what it is. Numbers are written by integer arithmetic, so the same
/// run always gives the same bytes.
public enum PriceChart {
    static let width = 960
    static let margin = (left: 70, right: 20)
    /// A panel: the symbol's row, the plot, then the time labels (and day labels) below it.
    static let panel = (label: 18, plot: 190, below: 42)
    /// Room kept between the first and last instant and the plot's sides, so a mark there stays inside.
    static let inset = 8.0

    static let priceColor = "#1f4e9c"
    static let buyColor = "#1a8f3a"
    static let sellColor = "#c0392b"
    static let neutralColor = "#555"
    static let closedColor = "#efefef"

    /// The chart of one run: `prices` and `marks` as `ScenarioRun` holds them, plus its trigger lines and refusals.
    public static func svg(
        title: String, prices: [PricePoint], marks: [OrderMark], triggers: [LevelLine] = [],
        refusals: [RefusedOrder] = []
    ) -> String {
        let symbols = orderedSymbols(
            prices.map(\.symbol) + marks.map(\.symbol) + triggers.map(\.symbol) + refusals.map(\.symbol))
        let times =
            prices.map(\.at) + marks.map(\.at) + refusals.map(\.at) + triggers.flatMap { $0.points.map(\.at) }
            + triggers.compactMap(\.end)
        let start = times.min() ?? Date(timeIntervalSince1970: 0)
        let axis = ChartTimeAxis(start: start, end: times.max() ?? start)
        let legend = ChartLegend.svg(
            legendEntries(marks: marks, triggers: triggers, refusals: refusals, axis: axis), left: margin.left,
            top: 48, width: width - margin.right)
        let panelHeight = panel.label + panel.plot + panel.below
        let height = legend.bottom + max(1, symbols.count) * panelHeight + 4
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">",
            "<rect width=\"\(width)\" height=\"\(height)\" fill=\"white\"/>",
            "<text x=\"\(margin.left)\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(SVGText.escape(title))</text>",
            "<text x=\"\(width - margin.right)\" y=\"20\" text-anchor=\"end\">\(axis.rangeText)</text>",
            "<text x=\"\(width - margin.right)\" y=\"36\" text-anchor=\"end\" fill=\"#666\">Times: "
                + "\(axis.zoneText)</text>",
        ]
        out += legend.lines
        if symbols.isEmpty {
            out.append("<text x=\"\(margin.left)\" y=\"\(legend.bottom + 20)\">no prices</text>")
        }
        for (index, symbol) in symbols.enumerated() {
            let frame = PanelFrame(top: legend.bottom + index * panelHeight, axis: axis)
            out += panelSVG(
                symbol: symbol, frame: frame, prices: prices.filter { $0.symbol == symbol },
                marks: marks.filter { $0.symbol == symbol }, triggers: triggers.filter { $0.symbol == symbol },
                refusals: refusals.filter { $0.symbol == symbol })
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Where a panel's plot sits, and the x of an instant in it.
    struct PanelFrame {
        let top: Int
        let axis: ChartTimeAxis
        var plotTop: Double { Double(top + panel.label) }
        var plotBottom: Double { plotTop + Double(panel.plot) }
        var plotLeft: Double { Double(margin.left) }
        var plotRight: Double { Double(width - margin.right) }

        func x(_ date: Date) -> Double {
            let fraction = axis.span > 0 ? date.timeIntervalSince(axis.start) / axis.span : 0
            return plotLeft + inset + (plotRight - plotLeft - 2 * inset) * fraction
        }
    }

    private static func panelSVG(
        symbol: String, frame: PanelFrame, prices: [PricePoint], marks: [OrderMark], triggers: [LevelLine],
        refusals: [RefusedOrder]
    ) -> [String] {
        let n = SVGText.number
        let scale = ChartPriceScale(
            values: prices.map(\.last) + marks.compactMap(\.price) + triggers.flatMap { $0.points.map(\.last) }
                + refusals.compactMap(\.price))
        func y(_ price: Decimal) -> Double {
            frame.plotBottom - (frame.plotBottom - frame.plotTop) * scale.fraction(price)
        }
        let axisEnd = frame.x(frame.axis.end)
        var out = [
            "<g>",
            "<text x=\"\(margin.left)\" y=\"\(frame.top + 12)\" font-size=\"13\" font-weight=\"bold\">"
                + "\(SVGText.escape(symbol))</text>",
        ]
        // Closed hours first, so everything else draws over them.
        for stretch in frame.axis.closedStretches {
            let left = stretch.interval.start <= frame.axis.start ? frame.plotLeft : frame.x(stretch.interval.start)
            let right = stretch.interval.end >= frame.axis.end ? frame.plotRight : frame.x(stretch.interval.end)
            let label = SVGText.escape(stretch.label)
            out.append(
                "<rect x=\"\(n(left))\" y=\"\(n(frame.plotTop))\" width=\"\(n(right - left))\" "
                    + "height=\"\(n(frame.plotBottom - frame.plotTop))\" fill=\"\(closedColor)\"><title>\(label)"
                    + "</title></rect>")
            // The label only where it fits (about 6 px a character).
            if right - left >= Double(stretch.label.count * 6 + 8) {
                out.append("<text x=\"\(n(left + 4))\" y=\"\(n(frame.plotTop + 12))\" fill=\"#888\">\(label)</text>")
            } else if right - left >= 90 {
                out.append(
                    "<text x=\"\(n(left + 4))\" y=\"\(n(frame.plotTop + 12))\" fill=\"#888\">market closed</text>")
            }
        }
        for tick in scale.ticks {
            let tickY = n(y(tick))
            out.append(
                "<line x1=\"\(n(frame.plotLeft))\" y1=\"\(tickY)\" x2=\"\(n(frame.plotRight))\" y2=\"\(tickY)\" "
                    + "stroke=\"#e4e4e4\"/>")
            out.append(
                "<text x=\"\(n(frame.plotLeft - 5))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">"
                    + "\(scale.label(tick))</text>")
        }
        for tick in frame.axis.ticks {
            let tickX = n(frame.x(tick.at))
            out.append(
                "<line x1=\"\(tickX)\" y1=\"\(n(frame.plotTop))\" x2=\"\(tickX)\" y2=\"\(n(frame.plotBottom + 4))\" "
                    + "stroke=\"#e4e4e4\"/>")
            out.append(
                "<text x=\"\(tickX)\" y=\"\(n(frame.plotBottom + 16))\" text-anchor=\"middle\">\(tick.label)</text>")
            if let day = tick.day {
                out.append(
                    "<text x=\"\(tickX)\" y=\"\(n(frame.plotBottom + 30))\" text-anchor=\"middle\" fill=\"#666\">"
                        + "\(day)</text>")
            }
        }
        out.append(
            "<rect x=\"\(n(frame.plotLeft))\" y=\"\(n(frame.plotTop))\" width=\"\(n(frame.plotRight - frame.plotLeft))\" "
                + "height=\"\(n(frame.plotBottom - frame.plotTop))\" fill=\"none\" stroke=\"#bbb\"/>")
        if !prices.isEmpty {
            // A step line: a price holds until the next one.
            var points: [String] = []
            for (index, point) in prices.enumerated() {
                if index > 0 { points.append("\(n(frame.x(point.at))),\(n(y(prices[index - 1].last)))") }
                points.append("\(n(frame.x(point.at))),\(n(y(point.last)))")
            }
            points.append("\(n(axisEnd)),\(n(y(prices[prices.count - 1].last)))")
            out.append(
                "<polyline fill=\"none\" stroke=\"\(priceColor)\" stroke-width=\"1.5\" "
                    + "points=\"\(points.joined(separator: " "))\"><title>last price</title></polyline>")
        }
        for line in triggers {
            out.append(triggerSVG(line, x: frame.x, y: y, axisEnd: axisEnd))
        }
        // Marks at the same spot (a market buy placed and filled at once, a refusal at the last price) are set
        // side by side instead of on top of each other.
        var taken: [(x: Double, y: Double)] = []
        func spot(_ at: Date, _ price: Decimal) -> (Double, Double) {
            var (x, y) = (frame.x(at), y(price))
            while taken.contains(where: { abs($0.x - x) < 10 && abs($0.y - y) < 10 }) { x += 11 }
            taken.append((x, y))
            return (x, y)
        }
        for mark in marks {
            guard let price = mark.price else { continue }
            let color = mark.side.uppercased().hasPrefix("B") ? buyColor : sellColor
            let title = "\(mark.kind.rawValue) \(mark.side) #\(mark.orderID) @ \(DecimalText.format(price))"
            let (markX, markY) = spot(mark.at, price)
            switch mark.kind {
            case .placed: out.append(placedGlyph(x: markX, y: markY, color: color, title: title))
            case .filled: out.append(filledGlyph(x: markX, y: markY, color: color, title: title))
            case .cancelled: out.append(cancelledGlyph(x: markX, y: markY, color: color, title: title))
            }
        }
        for refusal in refusals {
            guard let price = refusal.price else { continue }
            let side = refusal.side.isEmpty ? "" : " \(refusal.side)"
            let title =
                "refused \(refusal.tool)\(side) \(refusal.symbol) @ \(DecimalText.format(price)): \(refusal.code)"
            let (markX, markY) = spot(refusal.at, price)
            out.append(refusedGlyph(x: markX, y: markY, title: title))
        }
        out.append("</g>")
        return out
    }

    /// What a level line shows, by its order type: a stop's trigger, a trailing stop's, or a limit's price.
    static func kind(of line: LevelLine) -> ChartLegend.Entry {
        let type = line.orderType.uppercased()
        if type.hasPrefix("TRAIL") { return .trailingTrigger }
        return type == "LMT" ? .limitLevel : .stopTrigger
    }

    /// A level line: a dashed step line from the order's placement to its end (or the chart's end while it works).
    private static func triggerSVG(
        _ line: LevelLine, x: (Date) -> Double, y: (Decimal) -> Double, axisEnd: Double
    ) -> String {
        let n = SVGText.number
        let kind = kind(of: line)
        var points: [String] = []
        for (index, point) in line.points.enumerated() {
            if index > 0 { points.append("\(n(x(point.at))),\(n(y(line.points[index - 1].last)))") }
            points.append("\(n(x(point.at))),\(n(y(point.last)))")
        }
        if let last = line.points.last {
            points.append("\(n(line.end.map(x) ?? axisEnd)),\(n(y(last.last)))")
        }
        let color = line.side.uppercased().hasPrefix("B") ? buyColor : sellColor
        let prices = line.points.map { DecimalText.format($0.last) }
        let range = prices.count > 1 ? "\(prices[0]) → \(prices[prices.count - 1])" : prices.first ?? ""
        return "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(kind == .limitLevel ? "1.2" : "1.5")\" "
            + "stroke-dasharray=\"\(kind.dash ?? "")\" points=\"\(points.joined(separator: " "))\"><title>\(kind.text) "
            + "\(SVGText.escape(line.side)) #\(SVGText.escape(line.orderID)) @ \(range)</title></polyline>"
    }

    static func placedGlyph(x: Double, y: Double, color: String, title: String?) -> String {
        "<circle cx=\"\(SVGText.number(x))\" cy=\"\(SVGText.number(y))\" r=\"5\" fill=\"white\" stroke=\"\(color)\" "
            + "stroke-width=\"1.5\">\(titled(title))</circle>"
    }

    static func filledGlyph(x: Double, y: Double, color: String, title: String?) -> String {
        "<circle cx=\"\(SVGText.number(x))\" cy=\"\(SVGText.number(y))\" r=\"4\" fill=\"\(color)\">\(titled(title))"
            + "</circle>"
    }

    static func cancelledGlyph(x: Double, y: Double, color: String, title: String?) -> String {
        "<path d=\"M\(SVGText.number(x - 4)),\(SVGText.number(y - 4)) l8,8 m0,-8 l-8,8\" stroke=\"\(color)\" "
            + "stroke-width=\"1.5\">\(titled(title))</path>"
    }

    static func refusedGlyph(x: Double, y: Double, title: String?) -> String {
        "<path d=\"M\(SVGText.number(x)),\(SVGText.number(y - 6)) l6,6 l-6,6 l-6,-6 z\" fill=\"#f39c12\" "
            + "stroke=\"#a04000\" stroke-width=\"1\">\(titled(title))</path>"
    }

    private static func titled(_ title: String?) -> String {
        title.map { "<title>\(SVGText.escape($0))</title>" } ?? ""
    }

    /// The legend entries for what this chart draws (the price line and the BUY/SELL colours always).
    private static func legendEntries(
        marks: [OrderMark], triggers: [LevelLine], refusals: [RefusedOrder], axis: ChartTimeAxis
    ) -> [ChartLegend.Entry] {
        var entries: [ChartLegend.Entry] = [.price, .buy, .sell]
        let kinds = Set(marks.filter { $0.price != nil }.map(\.kind))
        if kinds.contains(.placed) { entries.append(.placed) }
        if kinds.contains(.filled) { entries.append(.filled) }
        if kinds.contains(.cancelled) { entries.append(.cancelled) }
        if refusals.contains(where: { $0.price != nil }) { entries.append(.refused) }
        let levels = Set(triggers.map(kind(of:)))
        for level in [ChartLegend.Entry.stopTrigger, .trailingTrigger, .limitLevel] where levels.contains(level) {
            entries.append(level)
        }
        if !axis.closedStretches.isEmpty { entries.append(.closed) }
        return entries
    }

    private static func orderedSymbols(_ symbols: [String]) -> [String] {
        var seen: [String] = []
        for symbol in symbols where !symbol.isEmpty && !seen.contains(symbol) { seen.append(symbol) }
        return seen
    }
}
