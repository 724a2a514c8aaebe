import FoundationEssentials

/// Money as text for messages: rounded to cents, always two decimals (`150` → `150.00`).
enum Money {
    static func text(_ amount: Decimal) -> String {
        let cents = amount.rounded(places: 2)
        var text = "\(cents)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            text += String(repeating: "0", count: max(0, 2 - decimals))
        } else {
            text += ".00"
        }
        return text
    }
}
