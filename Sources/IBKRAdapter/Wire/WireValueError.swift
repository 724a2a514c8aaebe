import FoundationEssentials
import HTTPCore

/// Why a value could not be put on (or read from) IBKR's wire: a code, what is wrong, and what to do.
public struct WireValueError: ActionableError, Sendable, Equatable {
    /// The kinds of failure.
    public enum Code: String, Sendable, Equatable {
        /// NaN, or a value a JSON number cannot carry.
        case notANumber
        /// A tick size that is zero or negative.
        case invalidTick
        /// A decimals count outside 0…10.
        case invalidDecimals
        /// A value that rounding turned into zero (e.g. a quantity below the smallest allowed fraction).
        case roundedToZero
        /// A negative amount where only positive ones make sense.
        case negative
    }

    public var code: Code
    public var message: String
    public var hint: String

    public init(code: Code, message: String, hint: String) {
        self.code = code
        self.message = message
        self.hint = hint
    }

}
