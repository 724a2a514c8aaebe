/// `/iserver/accounts` (cpapi.md §3.1). Calling it also "primes" the brokerage session.
struct CPAPIAccounts: Decodable, Sendable {
    struct Properties: Decodable, Sendable {
        var supportsCashQty: FlexBool?
        var supportsFractions: FlexBool?
        var liteUnderPro: FlexBool?
    }

    var accounts: [String]?
    var acctProps: [String: Properties]?
    var selectedAccount: String?
    var isPaper: FlexBool?
    var isFT: FlexBool?
}

/// `/trsrv/stocks?symbols=…` (cpapi.md §4.3): `{SYMBOL: [{name, assetClass, contracts: [{conid, exchange, isUS}]}]}`.
struct CPAPIStockEntry: Decodable, Sendable {
    struct Contract: Decodable, Sendable {
        var conid: FlexString?
        var exchange: String?
        var isUS: FlexBool?
        var currency: String?
    }

    var name: String?
    var assetClass: String?
    var contracts: [Contract]?
}

/// One record of `/iserver/secdef/search` (cpapi.md §4.2); `conid` is a string there.
struct CPAPISecdefRecord: Decodable, Sendable {
    struct Section: Decodable, Sendable {
        var secType: String?
    }

    var conid: FlexString?
    var symbol: String?
    var description: String?
    var sections: [Section]?
}

/// `/iserver/contract/rules` (cpapi.md §4.5): only the fields the adapter uses.
struct CPAPIContractRules: Decodable, Sendable {
    var fraqInt: Int?
    var fraqTypes: [String]?
    var cqtTypes: [String]?
    var increment: FlexDecimal?
    var error: FlexString?
}
