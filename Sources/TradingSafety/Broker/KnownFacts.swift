import TradingDomain

/// Facts a guarded call has already read from the broker in this same call, handed to the guards instead of being
/// read again. `close_position` reads the positions to size the close, then evaluates the close before cancelling
/// anything, then places it: without this the one call read the positions three times and the quote twice (ten
/// gateway requests, each spending IBKR's 10-per-second pacing). A fact is reused only within the call that read
/// it, and only while nothing has changed the account in between (a close that cancels resting orders re-reads).
struct KnownFacts: Sendable {
    var positions: [Position]?
    var quote: Quote?
}
