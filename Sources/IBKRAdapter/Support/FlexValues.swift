import FoundationEssentials

/// A number IBKR may send as a JSON number or as text (`"457.00"`, `"1,300"`); nil when it is neither.
/// Decoding never fails, so one odd field cannot sink a whole response.
struct FlexDecimal: Decodable, Sendable, Hashable {
    let value: Decimal?

    init(_ value: Decimal?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = WireDecimal.decimal(fromWire: number)
        } else if let text = try? container.decode(String.self) {
            value = SnapshotValue.parse(text)?.value
        } else {
            value = nil
        }
    }
}

/// Text IBKR may send as a string or a number (`order_id` is `"1149239278"` in one place and `1149239278` in
/// another); nil for null, objects and arrays.
struct FlexString: Decodable, Sendable, Hashable {
    let value: String?

    init(_ value: String?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = WireDecimal.decimal(fromWire: number).map { "\($0)" }
        } else if let flag = try? container.decode(Bool.self) {
            value = flag ? "true" : "false"
        } else {
            value = nil
        }
    }
}

/// A flag IBKR may send as a boolean, 0/1 or text. Anything else is nil (unknown), never guessed.
struct FlexBool: Decodable, Sendable, Hashable {
    let value: Bool?

    init(_ value: Bool?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else if let number = try? container.decode(Int.self) {
            value = number == 1 ? true : (number == 0 ? false : nil)
        } else if let text = try? container.decode(String.self) {
            switch text.trimmed().lowercased() {
            case "true", "1", "yes": value = true
            case "false", "0", "no": value = false
            default: value = nil
            }
        } else {
            value = nil
        }
    }
}
