import Foundation
import TradingDomain

@testable import TradingSafety

/// Shared values for the safety tests. Every helper throws instead of crashing on a bad literal.
enum Fixtures {
    /// 2026-11-24 15:00 UTC (10:00 in New York, a Tuesday).
    static let start = Date(timeIntervalSince1970: 1_795_532_400)

    static func symbol(_ text: String = "AAPL") throws -> Symbol { try Symbol(text) }

    static func account(_ text: String = "DU123") throws -> AccountID { try AccountID(text) }

    static func paperIdentity(_ account: String = "DU123") throws -> AccountIdentity {
        AccountIdentity(selectedAccount: try AccountID(account), isPaper: true, accounts: [try AccountID(account)])
    }

    static func policy(
        dryRun: Bool = false, maxOrderValue: Decimal = 100, maxDailyValue: Decimal? = nil,
        duplicateWindow: TimeInterval = 5
    ) throws -> SafetyPolicy {
        SafetyPolicy(
            dryRun: dryRun, expectedAccount: try account(), maxOrderValue: maxOrderValue,
            maxDailyValue: maxDailyValue, duplicateWindow: duplicateWindow)
    }

    static func buy(
        _ quantity: Decimal, _ type: OrderType = .market, symbol text: String = "AAPL",
        tif: TimeInForce = .day
    ) throws -> OrderRequest {
        try OrderRequest(
            symbol: symbol(text), side: .buy, size: .quantity(quantity), type: type, timeInForce: tif)
    }

    static func buyCash(_ amount: Decimal, symbol text: String = "AAPL") throws -> OrderRequest {
        try OrderRequest(symbol: symbol(text), side: .buy, size: .cash(amount))
    }

    static func sell(
        _ quantity: Decimal, _ type: OrderType = .market, symbol text: String = "AAPL", tif: TimeInForce = .day
    ) throws -> OrderRequest {
        try OrderRequest(
            symbol: symbol(text), side: .sell, size: .quantity(quantity), type: type, timeInForce: tif)
    }

    static func quote(last: Decimal?, bid: Decimal? = nil, ask: Decimal? = nil) throws -> Quote {
        Quote(symbol: try symbol(), last: last, bid: bid, ask: ask)
    }

    /// A fresh directory for one test's journal.
    static func temporaryDirectory() throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "valet-safety-tests-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        let counter = DirectoryCounter.shared.next()
        let url = base.appendingPathComponent("case-\(counter)", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func journal(in directory: URL? = nil) throws -> TradeJournal {
        let folder = try directory ?? temporaryDirectory()
        return try TradeJournal(url: folder.appendingPathComponent("trades.jsonl"))
    }

    static func clientOrderID(_ text: String) throws -> ClientOrderID { try ClientOrderID(text) }
}
