import FoundationEssentials
import TradingDomain

/// Everything the guards look at besides the order and the policy, gathered by `GuardedBroker` beforehand so that
/// the guards themselves are a pure function (and can be tested as tables).
public struct GuardContext: Sendable {
    public var now: Date
    /// The broker's account identity, or the error reading it.
    public var identity: Result<AccountIdentity, TradingError>
    /// Whether the market is in its regular session now.
    public var isRegularSession: Bool
    /// A snapshot for the symbol; nil when none could be read or none was needed.
    public var quote: Quote?
    /// The signed position in the symbol (negative = short); nil when holdings could not be read (or were not
    /// read: a BUY while shorting is not allowed is always an entry and reads neither holdings nor orders).
    public var heldQuantity: Decimal?
    /// Every working order on the symbol that may still fill (the broker's list, orders placed outside Valet
    /// included, plus journaled dispatches whose outcome is unknown), except the one being modified and the ones
    /// a close cancels first; nil when the broker's orders could not be read.
    public var restingOrders: [RestingOrder]?
    /// Money spent today by dispatched buys (journal), excluding the order being modified.
    public var spentToday: Decimal
    /// When an identical order was last dispatched and may still be alive (journal); nil if never.
    public var lastIdenticalDispatch: Date?
    /// An identical earlier order whose outcome is unknown (journal); nil if none.
    public var unresolvedIdentical: ClientOrderID?
    /// For a modification: the value the journal recorded for the order being modified, so the daily cap
    /// counts only the increase. Nil when unknown (the full value counts).
    public var replacedNotional: Decimal?

    public init(
        now: Date, identity: Result<AccountIdentity, TradingError>, isRegularSession: Bool, quote: Quote? = nil,
        heldQuantity: Decimal? = 0, restingOrders: [RestingOrder]? = [], spentToday: Decimal = 0,
        lastIdenticalDispatch: Date? = nil,
        unresolvedIdentical: ClientOrderID? = nil, replacedNotional: Decimal? = nil
    ) {
        self.now = now
        self.identity = identity
        self.isRegularSession = isRegularSession
        self.quote = quote
        self.heldQuantity = heldQuantity
        self.restingOrders = restingOrders
        self.spentToday = spentToday
        self.lastIdenticalDispatch = lastIdenticalDispatch
        self.unresolvedIdentical = unresolvedIdentical
        self.replacedNotional = replacedNotional
    }
}
