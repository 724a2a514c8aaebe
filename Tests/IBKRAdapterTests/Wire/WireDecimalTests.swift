import Foundation
import Testing

@testable import IBKRAdapter

@Suite("WireDecimal")
struct WireDecimalTests {
    private func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    private func json(_ value: WireDecimal) throws -> String {
        String(decoding: try JSONEncoder().encode([value]), as: UTF8.self)
    }

    @Test(
        "prices snap to the tick in the chosen direction",
        arguments: [
            ("101.354", "0.01", WireDecimal.PriceRounding.nearest, "101.35"),
            ("101.355", "0.01", .nearest, "101.36"),
            ("101.359", "0.01", .down, "101.35"),
            ("101.351", "0.01", .up, "101.36"),
            ("101.35", "0.01", .up, "101.35"),
            ("1.2345", "0.0001", .nearest, "1.2345"),
            ("157.33", "0.05", .nearest, "157.35"),
            ("157.33", "0.05", .down, "157.3"),
            ("157.31", "0.25", .up, "157.5"),
            ("-0.123", "0.01", .down, "-0.13"),
            ("-0.123", "0.01", .up, "-0.12"),
            ("0", "0.01", .nearest, "0"),
        ])
    func prices(input: String, tick: String, rounding: WireDecimal.PriceRounding, expected: String) throws {
        let wire = try WireDecimal.price(decimal(input), tick: decimal(tick), rounding: rounding)
        #expect(wire.value == decimal(expected))
    }

    @Test(
        "quantities round down to fraqInt decimals",
        arguments: [
            ("614.26399", 4, "614.2639"),
            ("0.00365831", 4, "0.0036"),
            ("10.9999", 0, "10"),
            ("100", 4, "100"),
            ("0", 4, "0"),
            ("1.23456789", 8, "1.23456789"),
        ])
    func quantities(input: String, decimals: Int, expected: String) throws {
        #expect(try WireDecimal.quantity(decimal(input), decimals: decimals).value == decimal(expected))
    }

    @Test(
        "cash rounds down to cents",
        arguments: [("500", "500"), ("500.999", "500.99"), ("0.019", "0.01"), ("1234.5", "1234.5")])
    func cash(input: String, expected: String) throws {
        #expect(try WireDecimal.cash(decimal(input)).value == decimal(expected))
    }

    @Test("bad inputs are refused with a code, never crash")
    func refusals() {
        #expect(throws: WireValueError.self) { try WireDecimal.price(.nan, tick: 0.01) }
        #expect { try WireDecimal.price(1, tick: 0) } throws: { ($0 as? WireValueError)?.code == .invalidTick }
        #expect { try WireDecimal.price(1, tick: -0.01) } throws: { ($0 as? WireValueError)?.code == .invalidTick }
        #expect { try WireDecimal.quantity(-1, decimals: 4) } throws: { ($0 as? WireValueError)?.code == .negative }
        #expect { try WireDecimal.quantity(1, decimals: 11) } throws: {
            ($0 as? WireValueError)?.code == .invalidDecimals
        }
        #expect { try WireDecimal.quantity(decimal("0.00001"), decimals: 4) } throws: { error in
            let wire = error as? WireValueError
            return wire?.code == .roundedToZero && wire?.hint.contains("0.0001") == true
        }
        #expect { try WireDecimal.cash(decimal("0.009")) } throws: { ($0 as? WireValueError)?.code == .roundedToZero }
        #expect { try WireDecimal.cash(-5) } throws: { ($0 as? WireValueError)?.code == .negative }
    }

    @Test(
        "the JSON number is the rounded decimal text, with no float noise",
        arguments: [
            ("101.35", "[101.35]"), ("0.1", "[0.1]"), ("157.3", "[157.3]"), ("614.2639", "[614.2639]"),
            ("100", "[100]"), ("0.0036", "[0.0036]"), ("123456789.12", "[123456789.12]"),
        ])
    func encoding(input: String, expected: String) throws {
        #expect(try json(WireDecimal(exactly: decimal(input))) == expected)
    }

    @Test("wire numbers and numeric strings read back as exact decimals")
    func decoding() throws {
        let values = try JSONDecoder().decode(
            [WireDecimal].self, from: Data(#"[0.1, 173.96, "204.85", 25500000.0, 1e-05, 100]"#.utf8))
        #expect(
            values.map(\.value) == [
                decimal("0.1"), decimal("173.96"), decimal("204.85"), decimal("25500000"), decimal("0.00001"),
                decimal("100"),
            ])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([WireDecimal].self, from: Data(#"["abc"]"#.utf8))
        }
        // A numeric prefix is not a number: Decimal(string:) alone would read this as 12.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([WireDecimal].self, from: Data(#"["12abc"]"#.utf8))
        }
        #expect(WireDecimal.decimal(fromWire: .infinity) == nil)
    }

    @Test("every price on a 0.01 grid survives the trip to JSON and back")
    func roundTrip() throws {
        for cents in stride(from: 0, through: 200_000, by: 7) {
            let value = Decimal(cents) / 100
            let wire = try WireDecimal.price(value, tick: 0.01)
            let decoded = try JSONDecoder().decode([WireDecimal].self, from: try JSONEncoder().encode([wire]))
            #expect(decoded.first?.value == value, "\(value)")
            if decoded.first?.value != value { break }
        }
    }
}
