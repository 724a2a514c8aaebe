import Foundation
import HTTPCore
import IBKRAdapter
import Testing
import TradingDomain

/// The account part of the adapter contract, run against every backend.
@Suite("IBKRBroker contract: account")
struct AccountContractTests {
    @Test(
        "identity, capabilities, positions (zero rows dropped) and summary",
        arguments: AdapterBackend.all(for: "account-portfolio"))
    func portfolio(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "account-portfolio")
        let identity = try await harness.broker.accountIdentity()
        #expect(identity.selectedAccount?.value == "DU9085813")
        #expect(identity.isPaper == true)
        #expect(identity.accounts.count == 7)
        let positions = try await harness.broker.positions()
        #expect(positions.map(\.symbol.value) == ["SPY"])
        #expect(positions.first?.quantity == 100)
        #expect(positions.first?.averageCost == decimal("437.43"))
        let summary = try await harness.broker.accountSummary()
        #expect(summary.netLiquidation == nil)
        #expect(summary.buyingPower == 821_079_744)
        #expect(summary.currency == "USD")
        #expect(harness.scenario.unplayed().isEmpty)
    }

    @Test(
        "executions map IBKR's trades (side B, ms time, string price)",
        arguments: AdapterBackend.all(for: "no-bridge:REC-A trade values"))
    func executions(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "no-bridge")
        let fill = try #require(try await harness.broker.executions(days: 1).first)
        #expect(fill.side == .buy)
        #expect(fill.quantity == 56)
        #expect(fill.price == decimal("177.37"))
        #expect(fill.commission == 1)
        #expect(fill.netAmount == decimal("9932.72"))
        #expect(fill.time == Date(timeIntervalSince1970: 1_702_928_318))
        #expect(fill.clientOrderID == nil)
    }

    @Test("position paging stops at the configured page cap", arguments: AdapterBackend.all(for: "positions-page-cap"))
    func pageCap(backend: AdapterBackend) async throws {
        let harness = try Harness(backend, "positions-page-cap", settings: IBKRSettings(maxPositionPages: 2))
        let positions = try await harness.broker.positions()
        #expect(positions.count == 200)
        #expect(harness.sent("GET", "/portfolio/DU9085813/positions/2") == 0)
        #expect(harness.scenario.unplayed().isEmpty)
    }
}
