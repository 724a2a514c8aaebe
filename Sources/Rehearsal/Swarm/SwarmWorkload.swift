import FoundationEssentials
import MCPKit
import SimulationKit

/// A seeded random agent: from a template scenario (start, account, settings, instruments) it draws a timeline of
/// buys, sells, stops, cancels, reconciles, price moves and waits. The same seed always draws the same timeline, so
/// a swarm failure reproduces from its seed alone.
public enum SwarmWorkload {
    /// The template with `steps` random steps appended (after its own) and the seed set.
    public static func generate(from template: Scenario, seed: UInt64, steps count: Int) -> Scenario {
        var generator = SplitMix64(seed: seed)
        var scenario = template
        scenario.seed = seed
        var last: [String: Decimal] = [:]
        for instrument in template.instruments {
            last[instrument.symbol] = instrument.ticks.first?.last ?? 100
        }
        let symbols = template.instruments.map(\.symbol)
        guard !symbols.isEmpty else { return scenario }
        let cap = template.settings["MAX_ORDER_VALUE"].flatMap(DecimalText.parse) ?? 100
        var saved = false
        for _ in 0..<max(0, count) {
            let symbol = symbols[generator.nextInt(in: 0...(symbols.count - 1))]
            let price = last[symbol] ?? 100
            let source = step(
                roll: generator.nextInt(in: 0...99), symbol: symbol, price: price, cap: cap, saved: saved,
                generator: &generator, last: &last)
            if source["save"] != nil { saved = true }
            // Generated steps are well formed by construction; a step that fails to decode is skipped, not run.
            guard
                let decoded = try? StepDecoder.decode(
                    source, number: scenario.steps.count + 1, scenario: scenario)
            else { continue }
            scenario.steps.append(decoded)
            scenario.stepSources.append(source)
        }
        return scenario
    }

    private static func step(
        roll: Int, symbol: String, price: Decimal, cap: Decimal, saved: Bool, generator: inout SplitMix64,
        last: inout [String: Decimal]
    ) -> JSONValue {
        let name = JSONValue.string(symbol)
        let save: JSONValue = ["last_order": "data.order_id"]
        switch roll {
        case 0..<25:
            // Cash buys up to 1.5× the cap, so the cap guard is exercised too.
            let limit = max(2, Int((cap * 3 / 2).rounded(places: 0, mode: .down).description) ?? 2)
            let cash = generator.nextInt(in: 1...limit)
            return ["call": "buy", "arguments": ["symbol": name, "cash_amount": .int(cash)], "save": save]
        case 25..<35:
            let quantity = generator.nextInt(in: 1...3)
            return ["call": "buy", "arguments": ["symbol": name, "quantity": .int(quantity)], "save": save]
        case 35..<45:
            let quantity = generator.nextInt(in: 1...3)
            return ["call": "sell", "arguments": ["symbol": name, "quantity": .int(quantity)], "save": save]
        case 45..<52:
            let stop = rounded(price * Decimal(generator.nextInt(in: 95...99)) / 100)
            return [
                "call": "stop_order",
                "arguments": ["symbol": name, "side": "SELL", "quantity": 1, "stop_price": .double(Double(stop) ?? 0)],
                "save": save,
            ]
        case 52..<60 where saved:
            return ["call": "cancel_order", "arguments": ["order_id": "${last_order}"]]
        case 52..<64:
            return ["call": "reconcile_pending", "arguments": [:]]
        case 64..<82:
            let moved = max(Decimal(string: "0.01") ?? 1, price * Decimal(generator.nextInt(in: 980...1020)) / 1000)
            let next = DecimalText.parse(rounded(moved)) ?? price
            last[symbol] = next
            return ["price": ["symbol": name, "last": .string(DecimalText.format(next))]]
        default:
            let seconds = generator.nextInt(in: 1...600)
            return ["advance": .string(TimeText.duration(Double(seconds)))]
        }
    }

    /// A price rounded to cents, as text.
    private static func rounded(_ value: Decimal) -> String {
        DecimalText.format(value.rounded(places: 2))
    }
}
