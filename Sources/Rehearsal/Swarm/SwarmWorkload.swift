import FoundationEssentials
import MCPKit
import SimulationKit

/// A seeded random agent: from a template scenario (start, account, settings, instruments) it draws a timeline that
/// uses every order tool — buys, sells (often followed by wait_for_fill), close_position, stops and stop-limits,
/// trailing stops, brackets on both sides, modify_order, cancels, cancel_all_orders, reconcile_pending with and
/// without resolve_missing — plus
/// adversarial sequences (sell while a protective stop rests; resend after settling an unknown outcome), price moves
/// and waits. The same seed always draws the same timeline, so
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
            let sources = step(
                roll: generator.nextInt(in: 0...99), symbol: symbol, price: price, cap: cap, saved: saved,
                generator: &generator, last: &last)
            for source in sources {
                if source["save"] != nil { saved = true }
                // Generated steps are well formed by construction; a step that fails to decode is skipped, not run.
                guard
                    let decoded = try? StepDecoder.decode(
                        source, number: scenario.steps.count + 1, scenario: scenario)
                else { continue }
                scenario.steps.append(decoded)
                scenario.stepSources.append(source)
            }
        }
        return scenario
    }

    /// One draw of the agent: usually one step, two for an adversarial sequence.
    private static func step(
        roll: Int, symbol: String, price: Decimal, cap: Decimal, saved: Bool, generator: inout SplitMix64,
        last: inout [String: Decimal]
    ) -> [JSONValue] {
        let name = JSONValue.string(symbol)
        let save: JSONValue = ["last_order": "data.order_id"]
        func percent(_ range: ClosedRange<Int>) -> String {
            rounded(price * Decimal(generator.nextInt(in: range)) / 100)
        }
        // Prices go as JSON numbers, the type an agent reading the schema sends.
        func number(_ text: String) -> JSONValue { .double(Double(text) ?? 0) }
        // The agent's last order may have been refused (nothing saved): then it has no order to act on.
        func whenSaved(_ step: JSONValue) -> JSONValue {
            guard case .object(var members) = step else { return step }
            members["when_saved"] = .bool(true)
            return .object(members)
        }
        func call(_ tool: String, _ arguments: JSONValue, saving: Bool = true) -> JSONValue {
            saving
                ? ["call": .string(tool), "arguments": arguments, "save": save]
                : ["call": .string(tool), "arguments": arguments]
        }
        let quantity = JSONValue.int(generator.nextInt(in: 1...3))
        switch roll {
        case 0..<16:
            // Cash buys up to 1.5× the cap, so the cap guard is exercised too.
            let limit = max(2, Int((cap * 3 / 2).rounded(places: 0, mode: .down).description) ?? 2)
            return [call("buy", ["symbol": name, "cash_amount": .int(generator.nextInt(in: 1...limit))])]
        case 16..<24:
            var arguments: [String: JSONValue] = ["symbol": name, "quantity": quantity]
            if generator.nextBool(probability: 0.5) { arguments["limit_price"] = number(percent(97...101)) }
            return [call("buy", .object(arguments))]
        case 24..<32:
            var arguments: [String: JSONValue] = ["symbol": name, "quantity": quantity]
            if generator.nextBool(probability: 0.5) { arguments["limit_price"] = number(percent(99...103)) }
            // Agents often wait for a sale to fill before the next decision: the fill Valet then sees must not
            // leave an older positions read standing for the next sell.
            guard generator.nextBool(probability: 0.5) else { return [call("sell", .object(arguments))] }
            return [
                call("sell", .object(arguments)),
                whenSaved(call("wait_for_fill", ["order_id": "${last_order}", "timeout_seconds": 1], saving: false)),
            ]
        case 32..<36:
            return [call("close_position", ["symbol": name], saving: false)]
        case 36..<42:
            let sell = generator.nextBool(probability: 0.75)
            var arguments: [String: JSONValue] = [
                "symbol": name, "side": sell ? "SELL" : "BUY", "quantity": quantity,
                "stop_price": number(sell ? percent(95...99) : percent(101...105)),
            ]
            if generator.nextBool(probability: 0.3) {
                arguments["limit_price"] = number(sell ? percent(93...95) : percent(105...107))
            }
            return [call("stop_order", .object(arguments))]
        case 42..<47:
            var arguments: [String: JSONValue] = [
                "symbol": name, "side": generator.nextBool(probability: 0.8) ? "SELL" : "BUY", "quantity": quantity,
            ]
            if generator.nextBool(probability: 0.5) {
                arguments["trail_percent"] = .int(generator.nextInt(in: 1...5))
            } else {
                arguments["trail_amount"] = number(percent(1...4))
            }
            return [call("trailing_stop", .object(arguments))]
        case 47..<53:
            // Both sides: a SELL bracket is a short entry whose BUY exits must be valued and capped.
            let buy = generator.nextBool(probability: 0.6)
            return [
                call(
                    "bracket_order",
                    [
                        "symbol": name, "side": buy ? "BUY" : "SELL", "quantity": quantity,
                        "take_profit": number(buy ? percent(102...106) : percent(94...98)),
                        "stop_loss": number(buy ? percent(94...98) : percent(102...106)),
                    ])
            ]
        case 53..<57 where saved:
            // The side is drawn, not remembered: half the time it would turn the order around, which must be refused.
            var arguments: [String: JSONValue] = ["order_id": "${last_order}", "symbol": name, "quantity": quantity]
            arguments["side"] = generator.nextBool(probability: 0.5) ? "BUY" : "SELL"
            if generator.nextBool(probability: 0.5) { arguments["limit_price"] = number(percent(97...103)) }
            return [whenSaved(call("modify_order", .object(arguments), saving: false))]
        case 53..<60 where saved:
            return [whenSaved(call("cancel_order", ["order_id": "${last_order}"], saving: false))]
        case 53..<62:
            return [call("cancel_all_orders", [:], saving: false)]
        case 62..<67:
            // The realistic resend path: settle unknown outcomes, sometimes accepting missing orders as gone.
            return [
                call(
                    "reconcile_pending", ["resolve_missing": .bool(generator.nextBool(probability: 0.5))],
                    saving: false)
            ]
        case 67..<71:
            // Adversarial: protect the position, then sell it anyway (the stop and the sale must not both fill).
            return [
                call(
                    "stop_order",
                    ["symbol": name, "side": "SELL", "quantity": quantity, "stop_price": number(percent(95...99))]),
                call("sell", ["symbol": name, "quantity": quantity]),
            ]
        case 71..<75:
            // Adversarial: a limit buy, then settle any unknown outcome accepting missing orders, then the very same
            // buy again — the resend that must never turn one intent into two orders.
            let buy = call(
                "buy", ["symbol": name, "quantity": .int(1), "limit_price": number(percent(97...99))], saving: false)
            return [buy, call("reconcile_pending", ["resolve_missing": true], saving: false), buy]
        case 75..<86:
            let moved = max(Decimal(string: "0.01") ?? 1, price * Decimal(generator.nextInt(in: 980...1020)) / 1000)
            let next = DecimalText.parse(rounded(moved)) ?? price
            last[symbol] = next
            return [["price": ["symbol": name, "last": .string(DecimalText.format(next))]]]
        default:
            let seconds = generator.nextInt(in: 1...600)
            return [["advance": .string(TimeText.duration(Double(seconds)))]]
        }
    }

    /// A price rounded to cents, as text.
    private static func rounded(_ value: Decimal) -> String {
        DecimalText.format(value.rounded(places: 2))
    }
}
