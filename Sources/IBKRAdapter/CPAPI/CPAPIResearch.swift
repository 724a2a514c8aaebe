import FoundationEssentials

/// `/iserver/marketdata/history` (cpapi.md §5.2): only the fields the adapter reads.
struct CPAPIHistory: Decodable, Sendable {
    struct Bar: Decodable, Sendable {
        var o: FlexDecimal?
        var h: FlexDecimal?
        var l: FlexDecimal?
        var c: FlexDecimal?
        var v: FlexDecimal?
        /// Start of the bar, milliseconds since 1970.
        var t: Int64?
    }

    var data: [Bar]?
    /// "S" streaming, "D" delayed (cpapi.md §5.2).
    var mdAvailability: String?
}

/// A `/iserver/secdef/search` record (cpapi.md §4.2), including the reduced `name=true` form, which carries a
/// top-level `secType` and an empty `sections`.
struct CPAPISearchRecord: Decodable, Sendable {
    var conid: FlexString?
    var symbol: String?
    var companyName: String?
    var description: String?
    var secType: String?
    var sections: [CPAPISecdefRecord.Section]?
}

/// `/iserver/account/pnl/partitioned`: `{"upnl": {"<acct>.Core": {dpl, nl, upl, el, mv}}}`. cpapi.md §8.1 names
/// the endpoint and its pacing and §11 its `spl` WebSocket twin; the row's keys are IBKR's documented ones, with no
/// capture in the reference (an assumption, shared with the twin).
struct CPAPIPartitionedPnl: Decodable, Sendable {
    struct Row: Decodable, Sendable {
        var dpl: FlexDecimal?
        var nl: FlexDecimal?
        var upl: FlexDecimal?
        var mv: FlexDecimal?
    }

    var upnl: [String: Row]?
}

/// One currency entry of `/portfolio/{acct}/ledger` (cpapi.md §3.5): the realized P&L only.
struct CPAPILedgerEntry: Decodable, Sendable {
    var realizedpnl: FlexDecimal?
    var unrealizedpnl: FlexDecimal?
}
