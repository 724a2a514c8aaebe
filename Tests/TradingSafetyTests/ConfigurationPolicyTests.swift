import Foundation
import Testing
import TradingDomain

@testable import TradingSafety

@Suite("SafetyPolicy from settings")
struct ConfigurationPolicyTests {
    @Test("every limit is carried over from its key")
    func mapping() throws {
        let loaded = try ValetConfiguration.load(
            environment: [
                "IBKR_ACCOUNT_ID": "DU777", "TRADING_DRY_RUN": "false", "MAX_ORDER_VALUE": "250.50",
                "MAX_DAILY_VALUE": "1000", "DUPLICATE_WINDOW_SECONDS": "30", "TRADING_ALLOW_SHORT": "true",
                "SYMBOL_ALLOWLIST": "aapl,MSFT", "SYMBOL_DENYLIST": "GME", "TRADE_JOURNAL_PATH": "/tmp/j.jsonl",
            ],
            dotEnv: nil,
            workingDirectory: "/tmp"
        )
        let policy = try SafetyPolicy(settings: loaded.settings)
        #expect(policy.expectedAccount == (try AccountID("DU777")))
        #expect(policy.dryRun == false)
        #expect(policy.maxOrderValue == Decimal(string: "250.50"))
        #expect(policy.maxDailyValue == 1000)
        #expect(policy.duplicateWindow == 30)
        #expect(policy.allowShort)
        #expect(policy.allowLive == false)
        #expect(policy.expectPaper)
        #expect(policy.allowedSymbols == [try Symbol("AAPL"), try Symbol("MSFT")])
        #expect(policy.deniedSymbols == [try Symbol("GME")])
    }

    @Test("the defaults are the safe ones: dry run, paper, no account means every order refused")
    func defaults() throws {
        let loaded = try ValetConfiguration.load(
            environment: ["TRADE_JOURNAL_PATH": "/tmp/j.jsonl"],
            dotEnv: nil,
            workingDirectory: "/tmp"
        )
        let policy = try SafetyPolicy(settings: loaded.settings)
        #expect(policy.dryRun)
        #expect(policy.allowLive == false)
        #expect(policy.expectedAccount == nil)
        #expect(policy.maxDailyValue == nil)
    }
}
