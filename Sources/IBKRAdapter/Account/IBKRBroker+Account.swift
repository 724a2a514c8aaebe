import FoundationEssentials
import HTTPCore
import TradingDomain

/// Account identity, balances and positions.
extension IBKRBroker {
    /// `selectedAccount` and `isPaper` from `/iserver/accounts`, read once per brokerage session (when it is
    /// primed; a new login, the nightly reset or a 401 makes the next call read it again). An `isPaper` IBKR did
    /// not send stays nil: it is never guessed from the account id's prefix.
    public func accountIdentity() async throws -> AccountIdentity {
        let accounts = try await exclusively { try await sessionAccountsHoldingGate() }
        let selected = accounts.selectedAccount.flatMap { try? AccountID($0) }
        // FA logins list groups such as "All" among the accounts; they are kept, as IBKR lists them.
        let all = (accounts.accounts ?? []).compactMap { try? AccountID($0) }
        return AccountIdentity(selectedAccount: selected, isPaper: accounts.isPaper?.value, accounts: all)
    }

    /// The account's capabilities (`supportsCashQty`, `supportsFractions`, paper or live), as read for this
    /// brokerage session.
    public func capabilities() async throws -> AccountCapabilities {
        let accounts = try await exclusively { try await sessionAccountsHoldingGate() }
        return Self.capabilities(from: accounts, account: accountID.value)
    }

    /// Available funds, net liquidation and buying power from `/portfolio/{acct}/summary`.
    public func accountSummary() async throws -> AccountSummary {
        var request = CPAPIRequest.get("/portfolio/\(accountPath)/summary")
        request.needsPortfolioPriming = true
        let response = try await perform(request)
        let summary = try CPAPIJSON.decode(CPAPIAccountSummary.self, from: response, endpoint: request.endpoint)
        return AccountSummary(
            accountID: accountID, currency: summary.currency ?? "USD",
            availableFunds: summary.availablefunds?.amount?.value,
            netLiquidation: summary.netliquidation?.amount?.value,
            buyingPower: summary.buyingpower?.amount?.value)
    }

    /// Non-zero holdings, page by page (100 a page), at most `settings.maxPositionPages` pages. The cache is
    /// invalidated first (best effort) because IBKR serves cached positions.
    public func positions() async throws -> [Position] {
        var invalidate = CPAPIRequest.post("/portfolio/\(accountPath)/positions/invalidate")
        invalidate.needsPortfolioPriming = true
        _ = try? await perform(invalidate)
        var result: [Position] = []
        for page in 0..<settings.maxPositionPages {
            var request = CPAPIRequest.get("/portfolio/\(accountPath)/positions/\(page)")
            request.needsPortfolioPriming = true
            let response = try await perform(request)
            let rows = (try? JSONDecoder().decode([CPAPIPosition].self, from: response.body)) ?? []
            if rows.isEmpty { return result }
            result += rows.compactMap(Self.position(from:))
            if rows.count < 100 { return result }
        }
        return result
    }

    /// Calls `/portfolio/accounts` once per session: IBKR requires it before other `/portfolio/*` endpoints
    /// (cpapi.md §3.3). The caller holds the gate.
    func primePortfolioHoldingGate() async throws {
        let request = CPAPIRequest.get("/portfolio/accounts")
        let response = try await performHoldingGate(request, recovering: false)
        guard (200..<300).contains(response.status) else {
            throw IBKRFailure.http(response, endpoint: request.endpoint)
        }
        portfolioPrimed = true
    }

    static func position(from row: CPAPIPosition) -> Position? {
        guard let quantity = row.position?.value, quantity != 0,
            let name = row.ticker?.value ?? row.contractDesc?.value, let symbol = try? Symbol(name)
        else { return nil }
        return Position(
            symbol: symbol, contractID: row.conid?.value.flatMap(Int.init).map(ContractID.init), quantity: quantity,
            averageCost: row.avgPrice?.value ?? row.avgCost?.value, marketPrice: row.mktPrice?.value,
            marketValue: row.mktValue?.value, unrealizedPnL: row.unrealizedPnl?.value)
    }
}
