import Foundation
import MCPKit
import Testing

@testable import Rehearsal

/// The chart's SVG read back: what a person sees must be there (legend, New York time, trigger lines, refusals,
/// closed hours, a price range that does not exaggerate), and every mark inside the plot.
@Suite("Price chart")
struct PriceChartTests {
    /// 2026-01-06 15:00 UTC, 10:00 in New York (EST), a Tuesday.
    static let winter = Date(timeIntervalSince1970: 1_767_711_600)
    /// 2026-07-07 14:00 UTC, 10:00 in New York (EDT), a Tuesday.
    static let summer = Date(timeIntervalSince1970: 1_783_432_800)

    static func price(_ seconds: TimeInterval, _ last: Decimal, from start: Date = winter) -> PricePoint {
        PricePoint(at: start.addingTimeInterval(seconds), symbol: "AAPL", last: last)
    }

    /// The y coordinates of the polyline whose opening tag contains `marker`.
    static func polylineYs(in svg: String, marker: String) -> [Double] {
        guard let line = svg.split(separator: "\n").first(where: { $0.hasPrefix("<polyline") && $0.contains(marker) }),
            let points = line.split(separator: "points=\"").last?.split(separator: "\"").first
        else { return [] }
        return points.split(separator: " ").compactMap { Double($0.split(separator: ",").last ?? "") }
    }

    /// The value of `attribute` on every mark (a line starting with `prefix` that has a title; the legend's
    /// glyphs have none).
    static func attribute(_ attribute: String, of prefix: String, in svg: String) -> [Double] {
        svg.split(separator: "\n").filter { $0.hasPrefix(prefix) && $0.contains("<title>") }.compactMap { line in
            line.split(separator: "\(attribute)=\"").dropFirst().first?.split(separator: "\"").first
                .flatMap { Double($0) }
        }
    }

    /// The plot rectangle: the one with the plot's frame stroke.
    static func plot(in svg: String) -> (top: Double, bottom: Double, left: Double, right: Double)? {
        guard let line = svg.split(separator: "\n").first(where: { $0.contains("stroke=\"#bbb\"") }) else { return nil }
        func value(_ name: String) -> Double? {
            line.split(separator: "\(name)=\"").dropFirst().first?.split(separator: "\"").first.flatMap { Double($0) }
        }
        guard let x = value("x"), let y = value("y"), let width = value("width"), let height = value("height") else {
            return nil
        }
        return (y, y + height, x, x + width)
    }

    @Test("the same data gives the same bytes; text is escaped; one panel per symbol")
    func deterministic() {
        let prices = [Self.price(0, 100), Self.price(60, 110), PricePoint(at: Self.winter, symbol: "MSFT", last: 400)]
        let svg = PriceChart.svg(title: "a<b", prices: prices, marks: [])
        #expect(svg == PriceChart.svg(title: "a<b", prices: prices, marks: []))
        #expect(svg.contains(">a&lt;b</text>"))
        #expect(svg.contains(">AAPL</text>") && svg.contains(">MSFT</text>"))
        #expect(svg.components(separatedBy: "stroke=\"#bbb\"").count == 3)
    }

    @Test("the legend names what the chart draws, and only that")
    func legend() {
        let plain = PriceChart.svg(title: "t", prices: [Self.price(0, 190), Self.price(60, 191)], marks: [])
        #expect(plain.contains(">last price</text>") && plain.contains(">BUY</text>") && plain.contains(">SELL</text>"))
        #expect(!plain.contains(">refused by Valet or IBKR</text>") && !plain.contains(">stop trigger</text>"))
        #expect(!plain.contains(">market closed</text>"), "10:00 to 10:01 on a Tuesday is all open")

        let marks = [
            OrderMark(at: Self.winter, symbol: "AAPL", kind: .placed, side: "SELL", orderID: "1", price: 185),
            OrderMark(at: Self.winter, symbol: "AAPL", kind: .filled, side: "BUY", orderID: "2", price: 190),
            OrderMark(at: Self.winter, symbol: "AAPL", kind: .cancelled, side: "SELL", orderID: "1", price: 185),
        ]
        let triggers = [
            LevelLine(symbol: "AAPL", orderID: "1", side: "SELL", orderType: "STP", points: [Self.price(0, 185)]),
            LevelLine(symbol: "AAPL", orderID: "3", side: "SELL", orderType: "TRAIL", points: [Self.price(0, 186)]),
            LevelLine(symbol: "AAPL", orderID: "4", side: "BUY", orderType: "LMT", points: [Self.price(0, 184)]),
        ]
        let refusal = RefusedOrder(
            at: Self.winter, symbol: "AAPL", tool: "sell", side: "SELL", price: 190, code: "would_open_short")
        let full = PriceChart.svg(
            title: "t", prices: [Self.price(0, 190), Self.price(86_400, 191)], marks: marks, triggers: triggers,
            refusals: [refusal])
        for entry in ChartLegend.Entry.allCases {
            #expect(full.contains(">\(entry.text)</text>"), "legend entry \(entry.text)")
        }
    }

    @Test("the time axis is New York time, in winter and in summer", arguments: [(winter, "EST"), (summer, "EDT")])
    func newYorkTime(start: Date, zone: String) {
        let svg = PriceChart.svg(
            title: "t", prices: [Self.price(0, 190, from: start), Self.price(3600, 191, from: start)], marks: [])
        // 10:00 to 11:00 New York: ticks every 10 minutes on round times, whatever UTC says.
        for label in ["10:00", "10:10", "10:20", "10:30", "10:40", "10:50", "11:00"] {
            #expect(svg.contains(">\(label)</text>"), "tick \(label)")
        }
        #expect(!svg.contains(">15:00</text>") && !svg.contains(">14:00</text>"))
        #expect(svg.contains("Times: New York time (\(zone)"))
    }

    @Test("a one-cent move stays a nearly flat line instead of filling the plot")
    func smallMoveNotStretched() throws {
        let svg = PriceChart.svg(
            title: "t", prices: [Self.price(0, 190), Self.price(30, Decimal(string: "190.01")!)], marks: [])
        let ys = Self.polylineYs(in: svg, marker: "stroke=\"#1f4e9c\"")
        let plot = try #require(Self.plot(in: svg))
        let spread = (ys.max() ?? 0) - (ys.min() ?? 0)
        #expect(spread > 0 && spread < (plot.bottom - plot.top) * 0.05)
        // The tick labels are round prices around it.
        #expect(svg.contains(">190.00</text>"))
    }

    @Test("stop triggers dashed at their price until filled; trailing ones follow the price; limit prices dotted")
    func levelLines() throws {
        // 180 to 190: the axis steps by 2.5, so 185 has a labelled tick.
        let prices = [Self.price(0, 190), Self.price(60, 189), Self.price(120, 180)]
        let stop = LevelLine(
            symbol: "AAPL", orderID: "7", side: "SELL", orderType: "STP", points: [Self.price(0, 185)],
            end: Self.winter.addingTimeInterval(120))
        let trail = LevelLine(
            symbol: "AAPL", orderID: "8", side: "SELL", orderType: "TRAIL",
            points: [Self.price(0, 188), Self.price(60, 190)])
        let limit = LevelLine(
            symbol: "AAPL", orderID: "9", side: "BUY", orderType: "LMT", points: [Self.price(0, 182)],
            end: Self.winter.addingTimeInterval(60))
        let svg = PriceChart.svg(title: "t", prices: prices, marks: [], triggers: [stop, trail, limit])
        let limitYs = Self.polylineYs(
            in: svg, marker: "stroke-dasharray=\"\(ChartLegend.Entry.limitLevel.dash ?? "")\"")
        #expect(Set(limitYs).count == 1 && limitYs.count == 2, "a flat line from placement to its end")
        #expect(svg.contains("<title>working limit price BUY #9 @ 182</title>"))
        let stopYs = Self.polylineYs(
            in: svg, marker: "stroke-dasharray=\"\(ChartLegend.Entry.stopTrigger.dash ?? "")\"")
        #expect(Set(stopYs).count == 1)
        // The line sits where the 185.00 tick is labelled (label baselines are 4 below their line).
        let labelY = svg.split(separator: "\n").first { $0.hasSuffix(">185.00</text>") }
            .flatMap { $0.split(separator: "y=\"").dropFirst().first?.split(separator: "\"").first }
            .flatMap { Double($0) }
        #expect(stopYs.first.map { $0 + 4 } == labelY)
        let trailYs = Self.polylineYs(
            in: svg, marker: "stroke-dasharray=\"\(ChartLegend.Entry.trailingTrigger.dash ?? "")\"")
        #expect(Set(trailYs).count == 2, "the trailing trigger steps up once")
        #expect(svg.contains("<title>trailing-stop trigger SELL #8 @ 188 → 190</title>"))
        #expect(svg.contains("<title>stop trigger SELL #7 @ 185</title>"))
    }

    @Test("a refused order call is marked with its tool, side and error code")
    func refusal() {
        let refusal = RefusedOrder(
            at: Self.winter.addingTimeInterval(30), symbol: "AAPL", tool: "sell", side: "SELL", price: 190,
            code: "would_open_short")
        let svg = PriceChart.svg(
            title: "t", prices: [Self.price(0, 190), Self.price(60, 190)], marks: [], refusals: [refusal])
        #expect(svg.contains("<title>refused sell SELL AAPL @ 190: would_open_short</title>"))
        #expect(svg.contains("fill=\"#f39c12\""))
    }

    @Test("nights, weekends and holidays are shaded and named")
    func closedHours() {
        // Friday 2026-01-09 15:00 New York to Monday 10:00: Friday's close, the weekend, Monday's open.
        let friday = Date(timeIntervalSince1970: 1_767_988_800)
        let weekend = PriceChart.svg(
            title: "t", prices: [Self.price(0, 190, from: friday), Self.price(241_200, 191, from: friday)], marks: [])
        #expect(weekend.contains("<title>market closed (weekend)</title>"))
        #expect(weekend.contains(">Fri Jan 9</text>") || weekend.contains(">Sat Jan 10</text>"))
        // Thanksgiving 2026: closed all day.
        let thanksgiving = Date(timeIntervalSince1970: 1_795_708_800)  // 2026-11-26 16:00 UTC, 11:00 New York
        let holiday = PriceChart.svg(
            title: "t", prices: [Self.price(0, 190, from: thanksgiving), Self.price(60, 190, from: thanksgiving)],
            marks: [])
        #expect(holiday.contains("market closed (holiday: Thanksgiving Day)"))
        // The day after Thanksgiving closes at 13:00.
        let dayAfter = Date(timeIntervalSince1970: 1_795_800_600)  // 2026-11-27 17:30 UTC, 12:30 New York
        let early = PriceChart.svg(
            title: "t", prices: [Self.price(0, 190, from: dayAfter), Self.price(2700, 190, from: dayAfter)], marks: [])
        #expect(early.contains("<title>market closed (early close)</title>"))
        // A regular morning has no shading.
        let open = PriceChart.svg(title: "t", prices: [Self.price(0, 190), Self.price(600, 191)], marks: [])
        #expect(!open.contains("fill=\"\(PriceChart.closedColor)\">"))
    }

    @Test("every mark lies inside the plot, clear of the axis labels, even at the first and last instant")
    func marksInside() throws {
        let marks = [
            OrderMark(at: Self.winter, symbol: "AAPL", kind: .placed, side: "BUY", orderID: "1", price: 180),
            OrderMark(
                at: Self.winter.addingTimeInterval(60), symbol: "AAPL", kind: .filled, side: "BUY", orderID: "1",
                price: 200),
        ]
        let svg = PriceChart.svg(title: "t", prices: [Self.price(0, 190), Self.price(60, 191)], marks: marks)
        let plot = try #require(Self.plot(in: svg))
        let xs = Self.attribute("cx", of: "<circle", in: svg)
        let ys = Self.attribute("cy", of: "<circle", in: svg)
        #expect(xs.count == 2 && ys.count == 2)
        for x in xs { #expect(x - 5 > plot.left && x + 5 < plot.right) }
        for y in ys { #expect(y - 5 > plot.top && y + 5 < plot.bottom) }
    }

    @Test("marks at one spot are set side by side, not hidden under each other")
    func overlappingMarks() {
        let marks = [
            OrderMark(at: Self.winter, symbol: "AAPL", kind: .placed, side: "BUY", orderID: "1", price: 190),
            OrderMark(at: Self.winter, symbol: "AAPL", kind: .filled, side: "BUY", orderID: "1", price: 190),
        ]
        let svg = PriceChart.svg(title: "t", prices: [Self.price(0, 190), Self.price(60, 191)], marks: marks)
        let xs = Self.attribute("cx", of: "<circle", in: svg)
        #expect(xs.count == 2 && xs[1] - xs[0] == 11)
    }

    @Test(
        "numbers are written with two decimals, half away from zero",
        arguments: [
            (1.005, "1.00"), (2.5, "2.50"), (-0.125, "-0.13"), (0, "0.00"), (12.345, "12.35"), (Double.nan, "0"),
        ])
    func number(value: Double, text: String) {
        #expect(SVGText.number(value) == text)
    }

    @Test("price scale: round steps and labels with the decimals prices use")
    func scale() {
        #expect(ChartPriceScale.roundStep(atLeast: 0.19) == Decimal(string: "0.2"))
        #expect(ChartPriceScale.roundStep(atLeast: 2.1) == Decimal(string: "2.5"))
        let scale = ChartPriceScale(values: [180, 200])
        #expect(scale.low <= 180 && scale.high >= 200 && scale.step == 5)
        #expect(scale.label(Decimal(string: "187.5")!) == "187.50")
        #expect(scale.ticks.first == scale.low && scale.ticks.last == scale.high)
    }
}
