/// One row of `/portfolio/{acct}/positions/{page}` (cpapi.md §3.6).
struct CPAPIPosition: Decodable, Sendable {
    var conid: FlexString?
    var contractDesc: FlexString?
    var ticker: FlexString?
    var position: FlexDecimal?
    var mktPrice: FlexDecimal?
    var mktValue: FlexDecimal?
    var avgCost: FlexDecimal?
    var avgPrice: FlexDecimal?
    var unrealizedPnl: FlexDecimal?
}

/// One entry of `/portfolio/{acct}/summary` (cpapi.md §3.4): `{amount, currency, …}`, or a bare scalar in some
/// answers.
struct CPAPISummaryValue: Decodable, Sendable {
    var amount: FlexDecimal?
    var currency: String?

    private enum CodingKeys: String, CodingKey {
        case amount
        case currency
    }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self) {
            amount = try? container.decodeIfPresent(FlexDecimal.self, forKey: .amount)
            currency = try? container.decodeIfPresent(String.self, forKey: .currency)
        } else {
            amount = try? FlexDecimal(from: decoder)
            currency = nil
        }
    }
}

/// The entries of `/portfolio/{acct}/summary` (cpapi.md §3.4) the adapter reads. The answer holds about a hundred
/// entries; decoding the whole object into a dictionary was most of a `portfolio` call's time (perf, `valet bench
/// tools`), and only these three are read.
struct CPAPIAccountSummary: Decodable, Sendable {
    var availablefunds: CPAPISummaryValue?
    var netliquidation: CPAPISummaryValue?
    var buyingpower: CPAPISummaryValue?

    /// The account's currency: the first of the three entries that names one.
    var currency: String? {
        availablefunds?.currency ?? netliquidation?.currency ?? buyingpower?.currency
    }
}

/// `/iserver/account/{acct}/orders/whatif` (cpapi.md §6.6): every value is formatted text.
struct CPAPIWhatIf: Decodable, Sendable {
    struct Block: Decodable, Sendable {
        var amount: FlexString?
        var commission: FlexString?
        var total: FlexString?
        var current: FlexString?
        var change: FlexString?
        var after: FlexString?
    }

    struct DataRow: Decodable, Sendable {
        var N: String?
        var V: [FlexString]?
    }

    var amount: Block?
    var equity: Block?
    var initial: Block?
    var warn: FlexString?
    var warns: [FlexString]?
    var error: FlexString?
    var data: [DataRow]?
}
