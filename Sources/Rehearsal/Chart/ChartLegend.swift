/// The key under a chart's title: one entry per kind of thing the chart draws, each with the glyph it uses.
enum ChartLegend {
    enum Entry: CaseIterable {
        case price, buy, sell, placed, filled, cancelled, refused, stopTrigger, trailingTrigger, limitLevel, closed

        var text: String {
            switch self {
            case .price: return "last price"
            case .buy: return "BUY"
            case .sell: return "SELL"
            case .placed: return "order placed (at its limit or stop)"
            case .filled: return "filled (at its price)"
            case .cancelled: return "cancelled"
            case .refused: return "refused by Valet or IBKR"
            case .stopTrigger: return "stop trigger"
            case .trailingTrigger: return "trailing-stop trigger"
            case .limitLevel: return "working limit price"
            case .closed: return "market closed"
            }
        }

        /// The dash pattern of a level line's kind; nil for the other entries.
        var dash: String? {
            switch self {
            case .stopTrigger: return "6 3"
            case .trailingTrigger: return "2 3"
            case .limitLevel: return "1 4"
            default: return nil
            }
        }

        /// The glyph, drawn in a 16 × 12 box whose left edge is `x` and vertical middle `y`.
        func glyph(x: Double, y: Double) -> String {
            let n = SVGText.number
            switch self {
            case .price:
                return
                    "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 16))\" y2=\"\(n(y))\" stroke=\"\(PriceChart.priceColor)\" stroke-width=\"2\"/>"
            case .buy, .sell:
                let color = self == .buy ? PriceChart.buyColor : PriceChart.sellColor
                return "<rect x=\"\(n(x + 2))\" y=\"\(n(y - 5))\" width=\"12\" height=\"10\" fill=\"\(color)\"/>"
            case .placed:
                return PriceChart.placedGlyph(x: x + 8, y: y, color: PriceChart.neutralColor, title: nil)
            case .filled:
                return PriceChart.filledGlyph(x: x + 8, y: y, color: PriceChart.neutralColor, title: nil)
            case .cancelled:
                return PriceChart.cancelledGlyph(x: x + 8, y: y, color: PriceChart.neutralColor, title: nil)
            case .refused:
                return PriceChart.refusedGlyph(x: x + 8, y: y, title: nil)
            case .stopTrigger, .trailingTrigger, .limitLevel:
                let dash = self.dash ?? ""
                return
                    "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 16))\" y2=\"\(n(y))\" stroke=\"\(PriceChart.neutralColor)\" stroke-width=\"1.5\" stroke-dasharray=\"\(dash)\"/>"
            case .closed:
                return
                    "<rect x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"16\" height=\"12\" fill=\"\(PriceChart.closedColor)\" stroke=\"#ccc\"/>"
            }
        }
    }

    /// The legend's SVG lines for `entries`, laid out in rows from `top` within `width`, and the y below it.
    static func svg(_ entries: [Entry], left: Int, top: Int, width: Int) -> (lines: [String], bottom: Int) {
        var lines = ["<g class=\"legend\">"]
        var x = Double(left)
        var y = Double(top) + 6
        for entry in entries {
            // About 6 px per character at the chart's 11 px font.
            let itemWidth = 16 + 5 + Double(entry.text.count) * 6 + 16
            if x + itemWidth > Double(width) && x > Double(left) {
                x = Double(left)
                y += 18
            }
            lines.append(entry.glyph(x: x, y: y))
            lines.append(
                "<text x=\"\(SVGText.number(x + 21))\" y=\"\(SVGText.number(y + 4))\">\(SVGText.escape(entry.text))</text>"
            )
            x += itemWidth
        }
        lines.append("</g>")
        return (lines, Int(y) + 12)
    }
}
