import Foundation
import MCPKit
import Testing
import TradingDomain

@testable import ValetTools

/// Bad input for every argument of every tool, generated from each tool's own input schema: a clear error naming
/// the argument, nothing sent to the broker, nothing journaled.
@Suite("Tools: bad input")
struct BadInputTests {
    /// Valid arguments for each tool that takes any; a bad value replaces one of them (or is added).
    static let base: [String: [String: JSONValue]] = [
        "get_quote": ["symbol": "AAPL"],
        "get_quotes": ["symbols": ["AAPL"]],
        "preview_order": ["symbol": "AAPL", "quantity": 1],
        "buy": ["symbol": "AAPL", "quantity": 1],
        "sell": ["symbol": "AAPL", "quantity": 1],
        "close_position": ["symbol": "AAPL"],
        "stop_order": ["symbol": "AAPL", "side": "SELL", "quantity": 1, "stop_price": 180],
        "trailing_stop": ["symbol": "AAPL", "side": "SELL", "quantity": 1, "trail_amount": 2],
        "bracket_order": ["symbol": "AAPL", "quantity": 1, "take_profit": 220, "stop_loss": 190],
        "modify_order": ["order_id": "77", "symbol": "AAPL", "side": "SELL", "quantity": 1, "stop_price": 180],
        "order_status": ["order_id": "1"],
        "wait_for_fill": ["order_id": "1"],
        "cancel_order": ["order_id": "1"],
        "executions": [:],
        "trade_history": [:],
        "reconcile_pending": [:],
        "price_history": ["symbol": "AAPL"],
        "search_symbol": ["query": "AAPL"],
    ]

    static let longText = String(repeating: "A", count: 10_000)

    static func badValues(for schema: JSONValue, argument: String) -> [JSONValue] {
        let types: [String] =
            schema["type"]?.stringValue.map { [$0] } ?? schema["type"]?.arrayValue?.compactMap(
                \.stringValue) ?? []
        if types.contains("number") {
            // Decimal strings are numbers too ("12" is fine); every string that is not one plain decimal, and
            // every out-of-range or over-precise value in either form, is refused.
            var values: [JSONValue] = [
                "NaN", "Infinity", "1e3", "12abc", "", "  ", "1,000", "0x10", "--1", "1.", ".5", "-1", "1.123456",
                .string(longText), 1e300, -1e300, -1, 1.123456, true, ["x"],
            ]
            if argument != "timeout_seconds" { values += [0, "0", "0.00"] }
            if argument == "timeout_seconds" { values += [121, "121"] }
            return values
        }
        if types.contains("integer") && types.contains("string") && argument == "order_id" {
            return [-1, 1.5, "", "   ", .string(longText), "AA\u{0}B", "12/../34", true, ["1"]]
        }
        if types.contains("integer") { return [1.5, -1, 1e300, "NaN", "1.5", "-1", "ten", true] }
        if types.contains("boolean") { return ["yes", 1, "NaN"] }
        if types.contains("array") {
            return [
                "AAPL", [], [1], [""], [.string(longText)], ["A\u{1}B"], .array(Array(repeating: "AAPL", count: 51)),
            ]
        }
        return [123, "", "   ", .string(longText), "AA\u{0}B", "A\u{1b}[31m", 1.5, ["AAPL"]]
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var tool: String
        var argument: String
        var value: JSONValue?
        var testDescription: String {
            let shown = value.map { JSONWriter.string($0).prefix(30) } ?? "missing"
            return "\(tool).\(argument) = \(shown)"
        }
    }

    static func cases() throws -> [Case] {
        let fixture = try ToolFixture()
        var cases: [Case] = []
        for tool in fixture.tools.values.sorted(by: { $0.name < $1.name }) {
            let properties = tool.inputSchema["properties"]?.objectValue ?? [:]
            for (argument, schema) in properties.sorted(by: { $0.key < $1.key }) {
                for value in badValues(for: schema, argument: argument) {
                    cases.append(Case(tool: tool.name, argument: argument, value: value))
                }
            }
            for required in tool.inputSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                cases.append(Case(tool: tool.name, argument: required, value: nil))
            }
            cases.append(Case(tool: tool.name, argument: "no_such_argument", value: 1))
        }
        return cases
    }

    @Test("refused with the argument named; nothing sent, nothing journaled", arguments: try cases())
    func refused(_ badCase: Case) async throws {
        let fixture = try ToolFixture(script: ToolHappyPathTests.script())
        var arguments = Self.base[badCase.tool] ?? [:]
        arguments[badCase.argument] = badCase.value
        let result = try await fixture.call(badCase.tool, arguments)
        #expect(result.isError, "accepted: \(result.structuredContent ?? .null)")
        #expect(result.errorCode == "invalid_argument", "\(result.structuredContent ?? .null)")
        let named = result.errorArgument ?? ""
        #expect(named == badCase.argument || named.hasPrefix(badCase.argument + "["), "named \(named)")
        #expect(result.errorMessage.count < 400)
        #expect(!result.errorMessage.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(fixture.broker.calls.isEmpty)
        #expect(fixture.journal.records.isEmpty)
        #expect(fixture.broker.statusReads == 0)
    }

    @Test(
        "order rules the types cannot express are refused by name",
        arguments: [
            ("buy", ["symbol": "AAPL"], "quantity"),
            ("buy", ["symbol": "AAPL", "quantity": 1, "cash_amount": 50], "cash_amount"),
            ("buy", ["symbol": "AAPL", "cash_amount": 50, "limit_price": 10], "cash_amount"),
            ("preview_order", ["symbol": "AAPL", "side": "SELL", "cash_amount": 50], "cash_amount"),
            ("trailing_stop", ["symbol": "AAPL", "side": "SELL", "quantity": 1], "trail_amount"),
            (
                "trailing_stop",
                ["symbol": "AAPL", "side": "SELL", "quantity": 1, "trail_amount": 1, "trail_percent": 1],
                "trail_percent"
            ),
            ("bracket_order", ["symbol": "AAPL", "quantity": 1, "take_profit": 180, "stop_loss": 190], "take_profit"),
            (
                "bracket_order",
                [
                    "symbol": "AAPL", "quantity": 1, "take_profit": 220, "stop_loss": 190,
                    "entry_limit_price": 230,
                ], "take_profit"
            ),
            ("modify_order", ["order_id": "1", "symbol": "AAPL", "side": "BUY", "quantity": 1], "limit_price"),
            ("stop_order", ["symbol": "AAPL", "side": "HOLD", "quantity": 1, "stop_price": 1], "side"),
            ("order_status", ["order_id": "12/../34"], "order_id"),
        ] as [(String, [String: JSONValue], String)])
    func orderRules(tool: String, arguments: [String: JSONValue], argument: String) async throws {
        let fixture = try ToolFixture(script: ToolHappyPathTests.script())
        let result = try await fixture.call(tool, arguments)
        #expect(result.errorCode == "invalid_request" || result.errorCode == "invalid_argument")
        #expect(result.errorArgument == argument, "\(result.structuredContent ?? .null)")
        #expect(fixture.broker.calls.isEmpty)
        #expect(fixture.sentLines.isEmpty)
    }
}
