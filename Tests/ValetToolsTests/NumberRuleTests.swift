import Foundation
import MCPKit
import Testing

@testable import ValetTools

@Suite("NumberRule: JSON numbers to exact decimals")
struct NumberRuleTests {
    @Test(
        "accepts plain numbers exactly",
        arguments: [
            (JSONValue.int(2), NumberRule.quantity, "2"),
            (.double(0.1), .quantity, "0.1"),
            (.double(150.25), .price, "150.25"),
            (.double(49.99), .cash, "49.99"),
            (.double(0.0001), .quantity, "0.0001"),
            (.double(99.99), .percent, "99.99"),
            (.int(1_000_000), .quantity, "1000000"),
            // Decimal strings, as results write them, read exactly (never through a Double).
            (.string("0.2631"), .quantity, "0.2631"),
            (.string("50"), .cash, "50"),
            (.string("50.25"), .cash, "50.25"),
            (.string(" 150.2500 "), .price, "150.25"),
            (.string("99.99"), .percent, "99.99"),
        ])
    func accepts(value: JSONValue, rule: NumberRule, expected: String) throws {
        let decimal = try rule.decimal(value, argument: "x")
        #expect("\(decimal)" == expected)
    }

    @Test(
        "refuses with a message naming the argument",
        arguments: [
            (JSONValue.string("NaN"), NumberRule.quantity, "plain decimal string"),
            (.string("1e3"), .quantity, "plain decimal string"),
            (.string("1,000"), .cash, "plain decimal string"),
            (.string(""), .cash, "plain decimal string"),
            (.string("-2"), .quantity, "negative"),
            (.string("0"), .quantity, "greater than zero"),
            (.string("0.26315"), .quantity, "4 decimal places"),
            (.string("50.001"), .cash, "2 decimal places"),
            (.string("1000001"), .quantity, "at most"),
            (.double(.nan), .quantity, "finite"),
            (.double(.infinity), .price, "finite"),
            (.double(-.infinity), .price, "finite"),
            (.double(1e300), .quantity, "absurdly large"),
            (.double(-1e300), .quantity, "absurdly large"),
            (.int(-1), .quantity, "negative"),
            (.double(-0.5), .price, "negative"),
            (.int(0), .quantity, "greater than zero"),
            (.double(0), .cash, "greater than zero"),
            (.int(1_000_001), .quantity, "at most"),
            (.double(10.001), .cash, "2 decimal places"),
            (.double(1.00001), .quantity, "4 decimal places"),
            (.int(100), .percent, "at most"),
            (.bool(true), .quantity, "not boolean"),
            (.null, .quantity, "not null"),
            (.array([1]), .quantity, "not array"),
            (.object([:]), .price, "not object"),
        ])
    func refuses(value: JSONValue, rule: NumberRule, fragment: String) {
        #expect {
            try rule.decimal(value, argument: "limit_price")
        } throws: { error in
            guard let failure = error as? ToolFailure else { return false }
            return failure.argument == "limit_price" && failure.message.hasPrefix("limit_price: ")
                && failure.message.contains(fragment) && failure.code == "invalid_argument"
        }
    }

    @Test("zero is allowed only where it means something")
    func zeroAllowed() throws {
        let rule = NumberRule(places: 3, maximum: 120, allowsZero: true)
        #expect(try rule.decimal(.int(0), argument: "timeout_seconds") == 0)
    }

    @Test("a control character in a string argument never reaches the message")
    func controlCharacters() {
        #expect {
            try NumberRule.quantity.decimal(.string("1\u{7}2"), argument: "quantity")
        } throws: { error in
            (error as? ToolFailure)?.message.contains("\u{7}") == false
        }
    }
}
